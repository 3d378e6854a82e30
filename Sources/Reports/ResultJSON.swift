import ArbitraryPrecision
import Campaign
import Transport

/// JSON forms of the results. Every real number is a decimal string with
/// enough digits to parse back to the same value at `precisionBits`.
public enum ResultJSON {
    public static func number<Real: RealNumber>(_ value: Real) -> JSONValue {
        .string(value.roundTripDecimal())
    }

    public static func vector<Real: RealNumber>(_ values: [Real]) -> JSONValue {
        .array(values.map(number))
    }

    public static func matrix<Real: RealNumber>(_ matrix: Matrix<Real>) -> JSONValue {
        .array((0..<matrix.rows).map { vector(matrix.row($0)) })
    }

    /// The object printed by `otverify reference`.
    public static func reference<Real: RealNumber>(_ plan: EntropicPlan<Real>) -> JSONValue {
        .object([
            ("plan", matrix(plan.plan)),
            ("u", vector(plan.u)),
            ("v", vector(plan.v)),
            ("marginalError", number(plan.marginalError)),
            ("precisionBits", .integer(plan.precisionBits)),
            ("iterations", .integer(plan.iterations)),
        ])
    }

    public static func layer<Real: RealNumber>(_ metrics: LayerMetrics<Real>) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("layer", .integer(metrics.layer)),
            ("kernelError", number(metrics.kernelError)),
            ("attentionError", number(metrics.attentionError)),
            ("maxRowError", number(metrics.maxRowError)),
            ("maxColumnError", number(metrics.maxColumnError)),
            ("dualObjective", number(metrics.dualObjective)),
            ("algorithmDeviation", number(metrics.algorithmDeviation)),
            ("algorithmKernelError", number(metrics.algorithmKernelError)),
            ("algorithmDualObjective", number(metrics.algorithmDualObjective)),
        ]
        members.append(("readoutError", metrics.readoutError.map(number) ?? .null))
        members.append(("extraTokenU", number(metrics.extraTokenU)))
        members.append(("extraTokenV", number(metrics.extraTokenV)))
        return .object(members)
    }

    /// One instance's inputs, reference and per-layer metrics.
    public static func instance<Real: RealNumber>(_ result: InstanceResult<Real>) -> JSONValue {
        let instance = result.instance
        return .object([
            ("name", .string(instance.name)),
            ("summary", .string(instance.summary)),
            ("n", .integer(instance.count)),
            ("d", .integer(instance.dimension)),
            ("lambda", .string(instance.regularization.description)),
            ("gamma", .string(instance.stepsize.description)),
            ("depth", .integer(instance.layers)),
            ("precisionBits", .integer(result.precisionBits)),
            ("engine", .string(result.engine)),
            ("reference", .object([
                ("solver", .string("log-domain Sinkhorn")),
                ("iterations", .integer(result.reference.iterations)),
                ("marginalError", number(result.reference.marginalError)),
                ("tolerance", number(result.referenceTolerance)),
                ("entropicCost", number(result.entropicCost)),
                ("optimalDualObjective", number(result.optimalDualObjective)),
            ])),
            ("assignment", .object([
                ("permutation", .array(result.assignment.permutation.map { .integer($0) })),
                ("cost", number(result.assignment.cost)),
            ])),
            ("layers", .array(result.layers.map(layer))),
        ])
    }
}
