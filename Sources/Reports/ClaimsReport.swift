import Foundation
import Claims

/// JSON and Markdown forms of claim outcomes.
public enum ClaimsReport {
    public static func json(_ outcome: ClaimOutcome) -> JSONValue {
        .object([
            ("id", .string(outcome.id.rawValue)),
            ("reading", .string(outcome.reading)),
            ("instance", .string(outcome.instance)),
            ("verdict", .string(outcome.verdict.rawValue)),
            ("margin", .string(outcome.margin)),
            ("roundingEstimate", .string(outcome.roundingEstimate)),
            ("precisionBits", .integer(outcome.precisionBits)),
            ("evidence", .object(outcome.evidence.map { ($0.0, .string($0.1)) })),
        ])
    }

    public static func json(_ outcomes: [ClaimOutcome]) -> JSONValue {
        .array(outcomes.map(json))
    }

    static let titles: [ClaimID: String] = [
        .t1: "T1: one layer is one step of the dual gradient descent",
        .l1: "L1: approximate double stochasticity with explicit ε",
        .t2: "T2: approximation bound O(n^{3/2}/√ℓ) in Hilbert's metric",
        .t2Prime: "T2′: revised bound O(√n·e^{1/λ}/√ℓ)",
        .s1: "S1: the readout sorts, up to the entropic bias (d = 1)",
        .m1: "M1: monotone improvement with depth",
    ]

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    /// One section per claim: a verdict count, the verdict table and the
    /// evidence behind every refutation.
    public static func markdown(_ outcomes: [ClaimOutcome]) -> [String] {
        var lines: [String] = []
        for id in ClaimID.allCases {
            let rows = outcomes.filter { $0.id == id }
            guard !rows.isEmpty else { continue }
            let counts = Verdict.allCases.compactMap { verdict -> String? in
                let count = rows.filter { $0.verdict == verdict }.count
                return count == 0 ? nil : "\(count) \(verdict.rawValue)"
            }
            lines += ["", "## \(titles[id]!)", "", "Verdicts: \(counts.joined(separator: ", ")).", ""]
            lines += ["| instance | reading | verdict | margin | rounding estimate | bits |", "|---|---|---|---|---|---|"]
            for row in rows {
                lines.append("| \(row.instance) | \(cell(row.reading)) | **\(row.verdict.rawValue)** | \(row.margin) | \(row.roundingEstimate) | \(row.precisionBits) |")
            }
            if id == .m1 { lines += [""] + monotonicitySummary(rows) }
            if id == .l1 {
                let vacuous = rows.filter { $0.verdict == .holds && ($0.evidence.first { $0.0 == "vacuous" }?.1.hasPrefix("true") ?? false) }.count
                lines += ["", "\(vacuous) of the \(rows.filter { $0.verdict == .holds }.count) readings that hold are vacuous: ε at the full depth is at least the prompt's own error, so layer 0 already meets the bound."]
            }
            if id == .t2 || id == .t2Prime { lines += [""] + growthWithN(rows) }
            let refutations = rows.filter { $0.verdict != .holds }
            if !refutations.isEmpty {
                lines += ["", "Evidence for each refutation, undecided verdict and unmet precondition:", ""]
                for row in refutations {
                    let details = row.evidence.map { "\($0.0) = \($0.1)" }.joined(separator: "; ")
                    lines.append("- \(row.instance), \(cell(row.reading)) (\(row.verdict.rawValue)): \(details)")
                }
            }
        }
        return lines
    }

    /// Per M1 quantity: the largest γ/λ at which every instance held, and the
    /// refutation with the fewest points (then the smallest γ/λ).
    static func monotonicitySummary(_ rows: [ClaimOutcome]) -> [String] {
        func value(_ row: ClaimOutcome, _ key: String) -> String? { row.evidence.first { $0.0 == key }?.1 }
        var quantities: [String] = []
        for row in rows {
            let quantity = String(row.reading.split(separator: ",").first ?? "")
            if !quantities.contains(quantity) { quantities.append(quantity) }
        }
        var lines = ["| quantity | largest γ/λ held on every instance | smallest counterexample |", "|---|---|---|"]
        for quantity in quantities {
            let subset = rows.filter { $0.reading.hasPrefix(quantity + ",") }
            let ratios = Set(subset.compactMap { value($0, "gammaOverLambda") }).sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
            let held = ratios.filter { ratio in subset.filter { value($0, "gammaOverLambda") == ratio }.allSatisfy { $0.verdict == .holds } }
            let smallest = subset.filter { $0.verdict == .refuted }.min { a, b in
                let key = { (row: ClaimOutcome) in (Int(value(row, "n") ?? "") ?? Int.max, Double(value(row, "gammaOverLambda") ?? "") ?? .infinity) }
                return key(a) < key(b)
            }
            let counterexample = smallest.map { row in
                "\(row.instance) (n = \(value(row, "n") ?? "?")), γ/λ = \(value(row, "gammaOverLambda") ?? "?"), layer \(value(row, "firstFailingLayer") ?? value(row, "firstDecidedFailingLayer") ?? "?"): \(value(row, "before") ?? "?") → \(value(row, "after") ?? "?")"
            } ?? "none"
            lines.append("| \(quantity) | \(held.last ?? "none") | \(counterexample) |")
        }
        return lines
    }

    /// Per series of instances that differ only in n, and per reading: the
    /// slope of log ĉ_max against log n, with its standard error.
    static func growthWithN(_ rows: [ClaimOutcome]) -> [String] {
        func value(_ row: ClaimOutcome, _ key: String) -> String? { row.evidence.first { $0.0 == key }?.1 }
        var groups: [(series: String, reading: String)] = []
        for row in rows {
            guard let series = value(row, "series") else { continue }
            if !groups.contains(where: { $0.series == series && $0.reading == row.reading }) { groups.append((series, row.reading)) }
        }
        guard !groups.isEmpty else { return [] }
        var lines = ["Growth of the largest implied constant with n, within each series of instances that differ only in n (least squares of log ĉ_max on log n; a bounded ĉ needs a slope ≤ 0):", ""]
        for group in groups {
            let members = rows.filter { value($0, "series") == group.series && $0.reading == group.reading }
            let points = members.compactMap { row -> (Double, Double)? in
                guard let n = value(row, "n").flatMap(Double.init),
                      let constant = value(row, "largestImpliedConstant").flatMap(Double.init), constant > 0, constant.isFinite else { return nil }
                return (Foundation.log(n), Foundation.log(constant))
            }
            let label = "\(group.series), \(cell(group.reading))"
            guard Set(points.map(\.0)).count >= 3, let fit = TrendFit(x: points.map(\.0), y: points.map(\.1)) else {
                lines.append("- \(label): fewer than 3 distinct n with a measured constant (of \(members.count) instances)")
                continue
            }
            lines.append("- \(label): slope \(String(format: "%.3f", fit.slope)) ± \(String(format: "%.3f", fit.slopeStandardError)) over n = \(members.compactMap { value($0, "n") }.joined(separator: ", "))")
        }
        return lines
    }
}
