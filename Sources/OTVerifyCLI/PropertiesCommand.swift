import Campaign
import Foundation
import PropertyTesting
import Reports

/// `otverify properties`: runs the property catalog over generated cases, or
/// replays one saved case file.
enum PropertiesCommand {
    /// The seed of a run without `--seed`.
    static let defaultSeed: UInt64 = 20_241_029

    static func run(_ arguments: [String], output: TextSink, errors: TextSink) throws {
        let command = "properties"
        let options = try Arguments(arguments, command: command, options: ["property", "cases", "seed", "replay", "precision", "output", "seconds"], flags: ["quiet"])
        if let path = options.values["replay"] {
            let others = options.values.keys.filter { $0 != "replay" }.sorted() + options.flags.sorted()
            guard others.isEmpty else {
                throw InputError("option '--\(others[0])' does not apply with --replay, which uses the saved case's own settings; give --replay alone")
            }
            try replay(path, output: output)
            return
        }

        let properties: [Property]
        if let name = options.values["property"] {
            guard let property = PropertyCatalog.named(name) else {
                let names = PropertyCatalog.all.map(\.name).joined(separator: ", ")
                throw InputError("unknown property '\(name)'; expected one of \(names)")
            }
            properties = [property]
        } else {
            properties = PropertyCatalog.all
        }
        let cases = try options.values["cases"].map { try OptionValues.positiveInteger($0, option: "cases", maximum: 1_000_000) } ?? 100
        let seconds = try options.values["seconds"].map { try OptionValues.positiveInteger($0, option: "seconds", maximum: 1_000_000) }
        let precision = try options.values["precision"].map { try OptionValues.precision($0) } ?? 128
        var seed = defaultSeed
        if let text = options.values["seed"] {
            guard let value = UInt64(text) else {
                throw InputError("invalid --seed '\(text)': expected a whole number from 0 to \(UInt64.max)")
            }
            seed = value
        }
        let directory = URL(fileURLWithPath: options.values["output"] ?? "property-counterexamples")
        try ReportFiles.checkWritable(directory)
        let quiet = options.flags.contains("quiet")

        var unexpected: [String] = []
        for property in properties {
            let configuration = RunConfiguration(seed: seed, maxCases: cases, timeLimit: seconds.map(Double.init) ?? .infinity, precision: precision)
            let report = PropertyRunner.run(property, configuration: configuration) { line in
                if !quiet { errors.write(line + "\n") }
            }
            var casePath: String? = nil
            if let file = report.caseFile {
                let name = "\(property.name)-seed\(seed).json"
                try ReportFiles.write([(name: name, contents: file.json().serialized())], to: directory)
                casePath = directory.appendingPathComponent(name).path
            }
            output.write(report.text(casePath: casePath))
            if property.expectation == .holds && report.counterexample != nil { unexpected.append(property.name) }
        }
        guard unexpected.isEmpty else {
            throw PropertyFailure(description: "counterexamples to properties expected to hold: \(unexpected.joined(separator: ", "))")
        }
    }

    /// Checks a saved case again and compares verdict and message.
    static func replay(_ path: String, output: TextSink) throws {
        let text = try PointFiles.read(path, expected: "a case file written by 'otverify properties'")
        let file: CaseFile
        do {
            file = try CaseFile(parsing: text)
        } catch let error as CaseFileError {
            throw InputError("\(path): \(error.description)")
        }
        guard let property = PropertyCatalog.named(file.property) else {
            throw InputError("\(path): unknown property '\(file.property)'")
        }
        let verdict = property.evaluate(file.testCase, precision: file.precisionBits)
        output.write("property \(property.name) at \(file.precisionBits) bits: recorded \(file.verdict.outcome), replayed \(verdict.outcome)\n")
        if !verdict.message.isEmpty { output.write("  \(verdict.message)\n") }
        guard verdict == file.verdict else {
            throw PropertyFailure(description: "replay of \(path) differs from the recorded verdict: recorded \(file.verdict.outcome) '\(file.verdict.message)'")
        }
    }
}

/// A property run or replay that did not show what was expected (exit status 1).
struct PropertyFailure: Error, CustomStringConvertible {
    let description: String
}
