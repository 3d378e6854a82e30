extension RunReport {
    /// The case file of the minimal counterexample, or nil without one.
    public var caseFile: CaseFile? {
        counterexample.map {
            CaseFile(
                property: $0.property, precisionBits: configuration.precision, seed: $0.seed,
                caseIndex: $0.caseIndex, verdict: .fail($0.message), testCase: $0.minimal)
        }
    }

    /// A plain-text summary: the counts, the minimal counterexample with its
    /// seed and replay command (when `casePath` names the saved case file),
    /// and the coverage table.
    public func text(casePath: String?) -> String {
        let expectation = matchesExpectation ? "as expected" : "NOT as expected"
        var lines = [
            "property \(property.name) (\(property.claim)): \(property.summary)",
            "  \(casesRun) \(casesRun == 1 ? "case" : "cases") (\(passed) passed, \(discards.count) discarded) in \(Int(seconds.rounded())) s, seed \(configuration.seed), \(configuration.precision) bits",
        ]
        if let counterexample, let file = caseFile {
            lines.append("  counterexample at case \(counterexample.caseIndex) (\(expectation)): \(counterexample.originalMessage)")
            lines.append("  shrunk in \(counterexample.shrinkSteps) steps (\(counterexample.shrinkEvaluations) evaluations) from n = \(counterexample.original.count), d = \(counterexample.original.dimension), \(counterexample.original.layers) layers to:")
            if counterexample.shrinkStoppedAtTimeLimit {
                lines.append("  (shrinking stopped at the time limit, so a smaller case may exist; rerun without --seconds to shrink further)")
            }
            lines.append("  " + counterexample.message)
            lines.append(file.json().serialized().split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            if let casePath {
                lines.append("  replay: otverify properties --replay \(casePath)")
            }
        } else {
            lines.append("  no counterexample (\(expectation))")
        }
        if let reason = discards.first {
            lines.append("  first discard reason: \(reason)")
        }
        lines.append("  coverage:")
        lines.append(coverage.table().split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        return lines.joined(separator: "\n") + "\n"
    }
}
