import ArbitraryPrecision
import Construction
import Transport

/// Everything measured on one instance at one working precision.
public struct InstanceResult<Real: RealNumber>: Sendable {
    public let instance: Instance
    public let precisionBits: Int
    /// Which forward pass produced the transformer's numbers.
    public let engine: String
    public let reference: EntropicPlan<Real>
    public let referenceTolerance: Real
    public let assignment: OptimalAssignment<Real>
    /// ⟨C, P*_λ⟩, the transport cost of the entropic plan.
    public let entropicCost: Real
    /// L(u*, v*), the minimum of the dual objective.
    public let optimalDualObjective: Real
    public let layers: [LayerMetrics<Real>]
}

/// Runs the construction and the separately run algorithm side by side and
/// measures both against the Sinkhorn reference at `reportedLayers`.
public enum InstanceRunner {
    /// - Parameters:
    ///   - progress: called with (layers done, total) about every 1 % of the
    ///     run, for progress display.
    ///   - note: receives Sinkhorn's progress lines while the reference is solved.
    public static func run<Real: RealNumber>(
        _ instance: Instance,
        as type: Real.Type,
        precision: Int,
        progress: (Int, Int) -> Void = { _, _ in },
        note: ((String) -> Void)? = nil
    ) throws -> InstanceResult<Real> {
        let problem: TransportProblem<Real> = instance.problem(precision: precision)
        let tolerance: Real = Sinkhorn.defaultTolerance(precision: precision)
        let reference = try Sinkhorn.solve(problem, tolerance: tolerance, progress: note)
        let assignment = problem.optimalAssignment()
        let (u0, v0): ([Real], [Real]) = instance.initialDuals(precision: precision)
        let schedule = StepsizeSchedule<Real>.constant(instance.stepsize.value(precision: precision))

        // The factored engine needs O(n) exponentials a layer instead of O(n²).
        let engine: LayerEngineKind = FactoredEngine.supports(problem) ? .factored : .generic
        var transformer = Transformer(problem: problem, schedule: schedule, initialU: u0, initialV: v0, engine: engine)
        var algorithm = DualGradientDescent(problem: problem, initialU: u0, initialV: v0)
        let matchedSource = matchedSourcePerTarget(problem: problem, assignment: assignment)

        let checkpoints = Set(reportedLayers(depth: instance.layers))
        var metrics: [LayerMetrics<Real>] = []
        let progressInterval = Swift.max(1, instance.layers / 100)
        for layer in 0...instance.layers {
            if layer > 0 {
                try transformer.advance()
                algorithm.advance(stepsize: schedule.stepsize(atLayer: layer))
            }
            if checkpoints.contains(layer) {
                metrics.append(measure(transformer, algorithm, reference, matchedSource))
            }
            if layer % progressInterval == 0 { progress(layer, instance.layers) }
        }

        var entropicCost = Real(0, precision: precision)
        for (c, p) in zip(problem.cost.elements, reference.plan.elements) { entropicCost.addProduct(c, p) }
        return InstanceResult(
            instance: instance, precisionBits: precision, engine: engine.rawValue,
            reference: reference, referenceTolerance: tolerance, assignment: assignment,
            entropicCost: entropicCost,
            optimalDualObjective: problem.dualObjective(u: reference.u, v: reference.v, kernel: reference.plan),
            layers: metrics)
    }

    /// For each target j, the source point matched to it by the optimal
    /// assignment (first coordinate); `nil` unless d = 1.
    static func matchedSourcePerTarget<Real>(problem: TransportProblem<Real>, assignment: OptimalAssignment<Real>) -> [Real]? {
        guard problem.dimension == 1 else { return nil }
        var matched = [Real](repeating: Real(0, precision: problem.precisionBits), count: problem.count)
        for (i, j) in assignment.permutation.enumerated() { matched[j] = problem.source[i][0] }
        return matched
    }

    static func measure<Real>(
        _ transformer: Transformer<Real>, _ algorithm: DualGradientDescent<Real>,
        _ reference: EntropicPlan<Real>, _ matchedSource: [Real]?
    ) -> LayerMetrics<Real> {
        let problem = transformer.problem
        let p = problem.precisionBits
        let n = problem.count
        let (u, v) = (transformer.u, transformer.v)
        let kernel = problem.kernelMatrix(u: u, v: v)
        let marginals = MarginalErrors(of: kernel, target: problem.uniformMass)

        let scaledAttention = transformer.restrictedAttention.elements.map { $0 * problem.uniformMass }
        let attentionError = VectorNorms.norm1(zip(scaledAttention, reference.plan.elements).map { $0 - $1 }, precision: p)

        let algorithmKernel = problem.kernelMatrix(u: algorithm.u, v: algorithm.v)
        let deviation = Real.maximum(
            VectorNorms.maxDistance(u, algorithm.u, precision: p),
            VectorNorms.maxDistance(v, algorithm.v, precision: p))

        var readoutError: Real? = nil
        if let matchedSource {
            readoutError = VectorNorms.maxDistance(transformer.readout, matchedSource, precision: p)
        }
        precondition(kernel.rows == n)
        let extra = transformer.extraTokenDuals
        return LayerMetrics(
            layer: transformer.layer,
            kernelError: VectorNorms.entrywiseL1Distance(kernel, reference.plan),
            attentionError: attentionError,
            maxRowError: marginals.maxRowError,
            maxColumnError: marginals.maxColumnError,
            dualObjective: problem.dualObjective(u: u, v: v, kernel: kernel),
            algorithmDeviation: deviation,
            algorithmKernelError: VectorNorms.entrywiseL1Distance(algorithmKernel, reference.plan),
            algorithmDualObjective: problem.dualObjective(u: algorithm.u, v: algorithm.v, kernel: algorithmKernel),
            readoutError: readoutError,
            extraTokenU: extra.u,
            extraTokenV: extra.v)
    }
}
