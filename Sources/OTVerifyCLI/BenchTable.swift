import Foundation

/// The measurements of one (n, precision) pair. At 53 bits the Swift engines
/// run in `Double`, otherwise in MPFR.
struct BenchRow {
    let n: Int
    let bits: Int
    let swift: LayerTimings
    var numpy: Double? = nil
    var mpmath: Double? = nil
    var flint: Double? = nil
}

/// The Markdown table that `otverify bench` prints.
enum BenchTable {
    static func render(_ rows: [BenchRow], repetitions: Int) -> String {
        var lines = [
            "Median time of one hidden layer (two heads, d = 1) over \(repetitions) repetitions, in µs. Ratios divide two medians of the same run. In the columns against numpy and python-flint, above 1 means the Swift engine is faster; generic ÷ exps is the layer's time over that of its exponentials alone.",
            "",
            "| n | bits | generic | its exps | generic ÷ exps | factored | numpy | mpmath | python-flint | flint ÷ generic | flint ÷ factored | numpy ÷ generic | numpy ÷ factored |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            let swift = row.swift
            let cells = [
                String(row.n), String(row.bits),
                microseconds(swift.generic), microseconds(swift.exponentials), ratio(swift.generic, swift.exponentials),
                microseconds(swift.factored),
                microseconds(row.numpy), microseconds(row.mpmath), microseconds(row.flint),
                ratio(row.flint, swift.generic), ratio(row.flint, swift.factored),
                ratio(row.numpy, swift.generic), ratio(row.numpy, swift.factored),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func microseconds(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        let value = seconds * 1e6
        return value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    static func ratio(_ numerator: Double?, _ denominator: Double) -> String {
        guard let numerator, denominator > 0 else { return "–" }
        return String(format: "%.2f", numerator / denominator)
    }
}
