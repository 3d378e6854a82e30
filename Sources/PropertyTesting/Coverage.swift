import Foundation

/// Counts of what a run generated, by n, d, λ, max C/λ, generator kind and
/// initial-dual kind, so that thin regions of the input space stand out.
public struct Coverage: Sendable {
    public private(set) var counts: [String: [String: Int]] = [:]
    /// Generator kinds the settings allow, listed even when none was drawn.
    let expectedKinds: [String]

    /// The dimensions of the table, in print order.
    static let dimensions = ["n", "d", "lambda", "max C/lambda", "kind", "initial duals", "layers"]

    public init(settings: GeneratorSettings) {
        expectedKinds = settings.kinds.map(\.rawValue)
    }

    public mutating func record(_ testCase: PropertyCase) {
        add("n", "\(testCase.count)")
        add("d", "\(testCase.dimension)")
        add("lambda", testCase.regularization.description)
        add("max C/lambda", Self.decadeBin(testCase.maxCostOverLambda))
        add("kind", testCase.generator)
        add("initial duals", testCase.initialDuals.kind)
        add("layers", "\(testCase.layers)")
    }

    /// Adds the counts of `other`, for one table over several runs.
    public mutating func merge(_ other: Coverage) {
        for (dimension, bins) in other.counts {
            for (bin, count) in bins { counts[dimension, default: [:]][bin, default: 0] += count }
        }
    }

    private mutating func add(_ dimension: String, _ bin: String) {
        counts[dimension, default: [:]][bin, default: 0] += 1
    }

    /// "<1e-2", "1e-2..1e-1", …, ">=1e4": the decade of `value`.
    static func decadeBin(_ value: Double) -> String {
        guard value >= 0.01 else { return "<1e-2" }
        guard value < 10_000 else { return ">=1e4" }
        let decade = Int(log10(value).rounded(.down))
        return "1e\(decade)..1e\(decade + 1)"
    }

    /// One line per dimension, `bin:count` pairs sorted by bin; generator
    /// kinds that were never drawn are listed with count 0.
    public func table() -> String {
        var lines: [String] = []
        for dimension in Self.dimensions {
            var bins = counts[dimension] ?? [:]
            if dimension == "kind" {
                for kind in expectedKinds where bins[kind] == nil { bins[kind] = 0 }
            }
            let sorted = bins.sorted { Self.order($0.key, $1.key) }
            let cells = sorted.map { "\($0.key):\($0.value)" }.joined(separator: "  ")
            lines.append(dimension.padding(toLength: 14, withPad: " ", startingAt: 0) + cells)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Numeric bins by value, the rest alphabetically.
    private static func order(_ a: String, _ b: String) -> Bool {
        if let x = leadingNumber(a), let y = leadingNumber(b), x != y { return x < y }
        return a < b
    }

    private static func leadingNumber(_ text: String) -> Double? {
        if text.hasPrefix("<") { return -Double.infinity }
        if text.hasPrefix(">=") { return Double.infinity }
        return Double(text.components(separatedBy: "..")[0])
    }
}
