import Foundation

/// Writes a set of report files so that either all of them are replaced or
/// none is: each is written to a temporary file in the same folder first and
/// renamed into place only after every write succeeded.
public enum ReportFiles {
    public static func write(_ files: [(name: String, contents: String)], to directory: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)

        var staged: [(URL, URL)] = []
        do {
            for file in files {
                let final = directory.appendingPathComponent(file.name)
                let temporary = directory.appendingPathComponent(".\(file.name).partial")
                try Data(file.contents.utf8).write(to: temporary)
                staged.append((temporary, final))
            }
        } catch {
            for (temporary, _) in staged { try? manager.removeItem(at: temporary) }
            throw error
        }
        // rename(2) replaces each file atomically within one folder.
        for (temporary, final) in staged where rename(temporary.path, final.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
        }
    }
}
