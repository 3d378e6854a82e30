import ArbitraryPrecision
import Campaign

/// CSV forms of the per-layer metrics: one row per reported layer, numbers as
/// round-trip decimal strings, an empty cell where a metric does not apply.
public enum ResultCSV {
    public static let columns = [
        "layer", "kernelError", "attentionError", "maxRowError", "maxColumnError",
        "dualObjective", "algorithmDeviation", "algorithmKernelError",
        "algorithmDualObjective", "readoutError", "extraTokenU", "extraTokenV",
    ]

    public static func row<Real: RealNumber>(_ metrics: LayerMetrics<Real>) -> [String] {
        [
            String(metrics.layer),
            metrics.kernelError.roundTripDecimal(),
            metrics.attentionError.roundTripDecimal(),
            metrics.maxRowError.roundTripDecimal(),
            metrics.maxColumnError.roundTripDecimal(),
            metrics.dualObjective.roundTripDecimal(),
            metrics.algorithmDeviation.roundTripDecimal(),
            metrics.algorithmKernelError.roundTripDecimal(),
            metrics.algorithmDualObjective.roundTripDecimal(),
            metrics.readoutError?.roundTripDecimal() ?? "",
            metrics.extraTokenU.roundTripDecimal(),
            metrics.extraTokenV.roundTripDecimal(),
        ]
    }

    /// The metrics of one run, with a header row.
    public static func layers<Real: RealNumber>(_ metrics: [LayerMetrics<Real>]) -> String {
        ([columns] + metrics.map(row)).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The metrics of a whole campaign, with instance name and precision
    /// columns in front.
    public static func campaign<Real: RealNumber>(_ results: [InstanceResult<Real>]) -> String {
        var lines = [(["instance", "precisionBits", "engine"] + columns).joined(separator: ",")]
        for result in results {
            for metrics in result.layers {
                lines.append(([result.instance.name, String(result.precisionBits), result.engine] + row(metrics)).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A matrix and two vectors, for `otverify reference --format csv`:
    /// rows `plan,i,…`, then `u,…` and `v,…`.
    public static func reference(plan: [[String]], u: [String], v: [String]) -> String {
        var lines = plan.enumerated().map { (["plan", String($0.offset)] + $0.element).joined(separator: ",") }
        lines.append((["u", ""] + u).joined(separator: ","))
        lines.append((["v", ""] + v).joined(separator: ","))
        return lines.joined(separator: "\n") + "\n"
    }
}
