import Campaign
import Foundation

/// Loads the source and target CSV files of a command and checks that they
/// describe two point sets of equal size and dimension.
enum PointFiles {
    static func load(source sourcePath: String, target targetPath: String) throws -> (source: [[ExactNumber]], target: [[ExactNumber]]) {
        let source = try PointSetCSV.parse(read(sourcePath), fileName: sourcePath)
        let target = try PointSetCSV.parse(read(targetPath), fileName: targetPath)
        guard source.count == target.count else {
            let points = source.count == 1 ? "1 point" : "\(source.count) points"
            throw InputError("\(sourcePath) has \(points) but \(targetPath) has \(target.count); both files need the same number of rows")
        }
        guard source[0].count == target[0].count else {
            let columns = source[0].count == 1 ? "1 column" : "\(source[0].count) columns"
            throw InputError("\(sourcePath) has \(columns) but \(targetPath) has \(target[0].count); both point sets need the same dimension")
        }
        return (source, target)
    }

    /// Reads a UTF-8 text file; `expected` names what the file should be.
    static func read(_ path: String, expected: String = "a CSV file with one point per row") throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("\(path): file not found; give the path of \(expected)")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(path): cannot be read (a folder, or no permission); give the path of \(expected)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(path): not UTF-8 text; give the path of \(expected)")
        }
        return text
    }
}
