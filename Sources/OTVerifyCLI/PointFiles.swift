import Campaign
import Foundation

/// Loads the source and target CSV files of a command and checks that they
/// describe two point sets of equal size and dimension.
enum PointFiles {
    static func load(source sourcePath: String, target targetPath: String) throws -> (source: [[ExactNumber]], target: [[ExactNumber]]) {
        let source = try PointSetCSV.parse(read(sourcePath), fileName: sourcePath)
        let target = try PointSetCSV.parse(read(targetPath), fileName: targetPath)
        guard source.count == target.count else {
            throw InputError("\(sourcePath) has \(source.count) points but \(targetPath) has \(target.count); both files need the same number of rows")
        }
        guard source[0].count == target[0].count else {
            throw InputError("\(sourcePath) has \(source[0].count) columns but \(targetPath) has \(target[0].count); both point sets need the same dimension")
        }
        return (source, target)
    }

    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("\(path): file not found; give the path of a CSV file with one point per row")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(path): cannot be read; give the path of a readable CSV file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(path): not UTF-8 text; give a plain-text CSV file")
        }
        return text
    }
}
