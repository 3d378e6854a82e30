import ArbitraryPrecision
import Campaign
import Foundation
import PropertyTesting
import Reports
import Transport

/// The entry point of the `otverify` command, separated from `main` so that
/// tests run it with captured output.
public enum OTVerifyCommand {
    /// Runs the command line `arguments` (without the program name) and
    /// returns the exit status: 0 success, 1 computation failed, 2 invalid input.
    public static func run(_ arguments: [String], output: TextSink, errors: TextSink) -> Int32 {
        do {
            try dispatch(arguments, output: output, errors: errors)
            return 0
        } catch let error as InputError {
            errors.write("otverify: error: \(error.message)\n")
            return 2
        } catch let error as ReportFileError {
            errors.write("otverify: error: \(InputError(error.description).message)\n")
            return 2
        } catch {
            errors.write("otverify: error: \(error)\n")
            return 1
        }
    }

    static func dispatch(_ arguments: [String], output: TextSink, errors: TextSink) throws {
        // Options without a command name go to the default campaign.
        let startsWithOption = arguments.first.map { $0.hasPrefix("--") && $0 != "--help" } ?? true
        let command = startsWithOption ? "campaign" : arguments[0]
        let rest = startsWithOption ? arguments : Array(arguments.dropFirst())
        // "-h" counts only in front, so that it can be an option's value.
        let helpRequested = rest.contains("--help") || rest.first == "-h"
        switch command {
        case "--help", "-h", "help":
            output.write(HelpText.main + "\n")
        case "campaign":
            if helpRequested { output.write(HelpText.campaign + "\n"); return }
            try CampaignCommand.run(rest, output: output, errors: errors)
        case "reference":
            if helpRequested { output.write(HelpText.reference + "\n"); return }
            try ReferenceCommand.run(rest, output: output, errors: errors)
        case "run":
            if helpRequested { output.write(HelpText.run + "\n"); return }
            try RunCommand.run(rest, output: output, errors: errors)
        case "check":
            if helpRequested { output.write(HelpText.check + "\n"); return }
            try CheckCommand.run(rest, output: output, errors: errors)
        case "bench":
            if helpRequested { output.write(HelpText.bench + "\n"); return }
            try BenchCommand.run(rest, output: output, errors: errors)
        case "properties":
            if helpRequested {
                output.write(HelpText.properties + "\n\nProperties: " + PropertyCatalog.all.map(\.name).joined(separator: ", ") + "\n")
                return
            }
            try PropertiesCommand.run(rest, output: output, errors: errors)
        default:
            throw InputError("unknown command '\(command)'; expected campaign, reference, run, check, properties or bench (see 'otverify --help')")
        }
    }
}

/// A destination for text: standard output, standard error or a buffer.
public final class TextSink: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    public private(set) var text = ""

    public init(handle: FileHandle?) {
        self.handle = handle
    }

    public static var standardOutput: TextSink { TextSink(handle: .standardOutput) }
    public static var standardError: TextSink { TextSink(handle: .standardError) }
    /// A sink that keeps what is written in `text`.
    public static func buffer() -> TextSink { TextSink(handle: nil) }

    public func write(_ string: String) {
        lock.lock()
        defer { lock.unlock() }
        if let handle {
            handle.write(Data(string.utf8))
        } else {
            text += string
        }
    }
}
