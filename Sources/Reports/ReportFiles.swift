import Foundation

/// The error thrown when report files cannot be written.
public struct ReportFileError: Error, CustomStringConvertible {
    public let description: String
}

/// Writes a set of report files so that either all of them are replaced or
/// none is.
///
/// The files are written into a fresh staging folder (created exclusively
/// with mkdtemp, so no existing file or link is followed) inside the target
/// folder. Each existing file is then moved aside and the new one renamed
/// into place; if a rename fails, the files moved aside are restored. Only a
/// process killed between two renames can leave a mix of old and new files.
public enum ReportFiles {
    /// Checks that `directory` exists or can be created and accepts new
    /// files, so a long run fails before it starts rather than at the end.
    /// `names` are the files to be written, none of which may be a folder.
    public static func checkWritable(_ directory: URL, names: [String] = []) throws {
        let staging = try makeStagingFolder(in: directory)
        try? FileManager.default.removeItem(at: staging)
        for name in names {
            var isDirectory: ObjCBool = false
            let final = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ReportFileError(description: "cannot write the report: '\(final.path)' is a folder; remove it or choose another --output")
            }
        }
    }

    public static func write(_ files: [(name: String, contents: String)], to directory: URL) throws {
        let manager = FileManager.default
        let staging = try makeStagingFolder(in: directory)
        defer { try? manager.removeItem(at: staging) }

        for file in files {
            var isDirectory: ObjCBool = false
            let final = directory.appendingPathComponent(file.name)
            if manager.fileExists(atPath: final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ReportFileError(description: "cannot write the report: '\(final.path)' is a folder; remove it or choose another --output")
            }
            do {
                try Data(file.contents.utf8).write(to: staging.appendingPathComponent(file.name))
            } catch {
                throw ReportFileError(description: "cannot write '\(file.name)' in '\(directory.path)': \(error.localizedDescription)")
            }
        }

        // Move old files aside and the new ones in; undo everything on failure.
        var replaced: [(final: URL, previous: URL?)] = []
        for file in files {
            let final = directory.appendingPathComponent(file.name)
            let previous = staging.appendingPathComponent(file.name + ".previous")
            let hadPrevious = manager.fileExists(atPath: final.path)
            if hadPrevious && rename(final.path, previous.path) != 0 {
                restore(replaced)
                throw ReportFileError(description: "cannot replace '\(final.path)': \(String(cString: strerror(errno)))")
            }
            if rename(staging.appendingPathComponent(file.name).path, final.path) != 0 {
                let reason = String(cString: strerror(errno))
                if hadPrevious { _ = rename(previous.path, final.path) }
                restore(replaced)
                throw ReportFileError(description: "cannot replace '\(final.path)': \(reason)")
            }
            replaced.append((final, hadPrevious ? previous : nil))
        }
    }

    static func restore(_ replaced: [(final: URL, previous: URL?)]) {
        for entry in replaced.reversed() {
            if let previous = entry.previous {
                _ = rename(previous.path, entry.final.path)
            } else {
                _ = unlink(entry.final.path)
            }
        }
    }

    static func makeStagingFolder(in directory: URL) throws -> URL {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ReportFileError(description: "cannot write the report to '\(directory.path)': it is a file, not a folder; choose a folder with --output")
            }
        } else {
            // A file in place of a parent folder gets its own message,
            // because Foundation's error names only an error code.
            var ancestor = directory.standardizedFileURL.deletingLastPathComponent()
            while !manager.fileExists(atPath: ancestor.path) {
                let parent = ancestor.deletingLastPathComponent()
                if parent.path == ancestor.path { break }
                ancestor = parent
            }
            var ancestorIsDirectory: ObjCBool = false
            if manager.fileExists(atPath: ancestor.path, isDirectory: &ancestorIsDirectory), !ancestorIsDirectory.boolValue {
                throw ReportFileError(description: "cannot create the report folder '\(directory.path)': '\(ancestor.path)' is a file, not a folder; choose another folder with --output")
            }
            do {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw ReportFileError(description: "cannot create the report folder '\(directory.path)': \(error.localizedDescription); choose a writable folder with --output")
            }
        }
        var template = Array(directory.appendingPathComponent(".otverify-staging-XXXXXX").path.utf8CString)
        guard let created = mkdtemp(&template) else {
            throw ReportFileError(description: "cannot write in the report folder '\(directory.path)': \(String(cString: strerror(errno))); choose a writable folder with --output")
        }
        return URL(fileURLWithPath: String(cString: created))
    }
}
