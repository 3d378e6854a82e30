import Campaign
import PropertyTesting
import Reports

/// The property-testing part of the default campaign: every property of the
/// catalog on a fixed number of generated cases, with no time limit, so the
/// section is the same on every run of the same version.
enum PropertySection {
    static let cases = 20
    static let precision = 96
    static let seed: UInt64 = 20_241_029

    static func run(progress: (String) -> Void) -> [RunReport] {
        PropertyCatalog.all.map { property in
            progress("property \(property.name)")
            let configuration = RunConfiguration(seed: seed, maxCases: cases, precision: precision)
            return PropertyRunner.run(property, configuration: configuration)
        }
    }

    static func markdown(_ reports: [RunReport]) -> [String] {
        var lines = [
            "", "## Property tests", "",
            "Every property of `otverify properties` on \(cases) generated cases each (seed \(seed), \(precision)-bit MPFR). A run stops at its first counterexample and shrinks it; `expected` says whether the property is expected to hold or to fail somewhere. Replay a counterexample with `otverify properties --property NAME --seed \(seed) --cases \(cases) --precision \(precision)`.", "",
            "| property | claim | expected | cases | outcome | minimal counterexample |",
            "|---|---|---|---|---|---|",
        ]
        for report in reports {
            let outcome = report.counterexample == nil ? "no counterexample" : "counterexample"
            let example = report.counterexample.map { "\(summary($0.minimal)): \($0.message)" } ?? ""
            lines.append("| \(report.property.name) | \(report.property.claim) | \(report.property.expectation.rawValue) | \(report.casesRun) | \(outcome) | \(example.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        lines += ["", "What was generated, over all properties (the count of cases per bin):", "", "```"]
        var coverage = reports[0].coverage
        for report in reports.dropFirst() { coverage.merge(report.coverage) }
        lines += coverage.table().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.append("```")
        return lines
    }

    static func summary(_ testCase: PropertyCase) -> String {
        let points = { (set: [[ExactNumber]]) in set.map { "(" + $0.map(\.description).joined(separator: ", ") + ")" }.joined(separator: " ") }
        return "n = \(testCase.count), d = \(testCase.dimension), x = \(points(testCase.source)), y = \(points(testCase.target)), λ = \(testCase.regularization), γ = \(testCase.stepsize), \(testCase.layers) layers, \(testCase.initialDuals.kind) initial duals"
    }

    static func json(_ reports: [RunReport]) -> JSONValue {
        .array(reports.map { report in
            var members: [(String, JSONValue)] = [
                ("property", .string(report.property.name)),
                ("claim", .string(report.property.claim)),
                ("expected", .string(report.property.expectation.rawValue)),
                ("cases", .integer(report.casesRun)),
                ("seed", .string(String(seed))),
                ("precisionBits", .integer(precision)),
            ]
            if let file = report.caseFile { members.append(("counterexample", file.json())) }
            return .object(members)
        })
    }
}
