import ArbitraryPrecision
import Campaign
import Construction
import Transport

/// S1: for d = 1 and increasing targets the readout converges to the sorted
/// x, up to the entropic bias, which vanishes as λ → 0.
///
/// With b_j = n·Σ_i P*_ij x_i, the barycentric projection of P*_λ for target j,
/// and s_j the x matched to target j by the optimal assignment (the sorted
/// list when targets increase), the check separates
/// - the optimization error o(ℓ) = max_j |readout_j(ℓ) − b_j|, and
/// - the entropic bias β(λ) = max_j |b_j − s_j|.
///
/// Reading "convergence with depth": o must shrink along the dyadic layers
/// ℓ_k = depth/2^k, k = 6..0; the margins are o(ℓ_{k+1}) − o(ℓ_k).
/// Reading "bias as λ → 0": β must shrink along λ, λ/2, λ/4, λ/8; the margins
/// are β(λ/2^k) − β(λ/2^{k+1}). Both use `PrecisionEscalation`.
public enum S1Check {
    enum Run: String, CaseIterable { case transformer, algorithm }

    static func barycentric(_ plan: Matrix<BigFloat>, source: [[BigFloat]]) -> [BigFloat] {
        (0..<plan.columns).map { j in
            var weighted = BigFloat(0, precision: plan.precisionBits)
            var total = BigFloat(0, precision: plan.precisionBits)
            for i in 0..<plan.rows {
                weighted.addProduct(plan[i, j], source[i][0])
                total.add(plan[i, j])
            }
            return weighted / total
        }
    }

    static func matched(_ problem: TransportProblem<BigFloat>) -> [BigFloat] {
        let assignment = problem.optimalAssignment()
        var result = [BigFloat](repeating: BigFloat(0, precision: problem.precisionBits), count: problem.count)
        for (i, j) in assignment.permutation.enumerated() { result[j] = problem.source[i][0] }
        return result
    }

    static func dyadicLayers(depth: Int) -> [Int] {
        Array(Set((0...6).map { Swift.max(1, depth >> $0) })).sorted()
    }

    struct DepthEvaluation {
        var errors: [Run: [BigFloat]] = [:]
        var bias: BigFloat
        var totalError: BigFloat
    }

    static func depthEvaluation(_ claim: ClaimInstance, precision: Int) throws -> DepthEvaluation {
        let (problem, reference, u0, v0) = try claim.setUp(precision: precision)
        let gamma: BigFloat = claim.instance.stepsize.value(precision: precision)
        let projection = barycentric(reference.plan, source: problem.source)
        let sorted = matched(problem)
        let layers = Set(dyadicLayers(depth: claim.depth))
        var transformer = ClaimInstance.transformer(problem, stepsize: gamma, u0: u0, v0: v0)
        var algorithm = DualGradientDescent(problem: problem, initialU: u0, initialV: v0)
        var evaluation = DepthEvaluation(bias: VectorNorms.maxDistance(projection, sorted, precision: precision), totalError: BigFloat(0, precision: precision))
        for layer in 1...claim.depth {
            try transformer.advance()
            algorithm.advance(stepsize: gamma)
            guard layers.contains(layer) else { continue }
            let algorithmReadout = barycentric(problem.kernelMatrix(u: algorithm.u, v: algorithm.v), source: problem.source)
            evaluation.errors[.transformer, default: []].append(VectorNorms.maxDistance(transformer.readout, projection, precision: precision))
            evaluation.errors[.algorithm, default: []].append(VectorNorms.maxDistance(algorithmReadout, projection, precision: precision))
            if layer == claim.depth { evaluation.totalError = VectorNorms.maxDistance(transformer.readout, sorted, precision: precision) }
        }
        return evaluation
    }

    static func biases(_ claim: ClaimInstance, precision: Int) throws -> [BigFloat] {
        let problem: TransportProblem<BigFloat> = claim.instance.problem(precision: precision)
        let sorted = matched(problem)
        return try (0..<4).map { k in
            let lambda = problem.regularization / BigFloat(1 << k, precision: precision)
            let scaled = TransportProblem(source: problem.source, target: problem.target, regularization: lambda, precision: precision)
            let plan = try Sinkhorn.solve(scaled).plan
            return VectorNorms.maxDistance(barycentric(plan, source: problem.source), sorted, precision: precision)
        }
    }

    /// Checks both readings on a d = 1 instance; returns no outcome for d > 1.
    public static func check(_ claim: ClaimInstance, policy: PrecisionPolicy = PrecisionPolicy()) throws -> [ClaimOutcome] {
        guard claim.instance.dimension == 1 else { return [] }
        let layers = dyadicLayers(depth: claim.depth)
        let (depthDecisions, evaluation) = try PrecisionEscalation.decideAll(policy: policy) { bits in
            let evaluation = try depthEvaluation(claim, precision: bits)
            let margins = Run.allCases.map { run in
                let errors = evaluation.errors[run]!
                return (1..<errors.count).map { errors[$0 - 1] - errors[$0] }
            }
            return (margins, evaluation)
        }
        var outcomes: [ClaimOutcome] = []
        for (index, run) in Run.allCases.enumerated() {
            let decision = depthDecisions[index]
            let errors = evaluation.errors[run]!
            var evidence: [(String, String)] = [
                ("layers", layers.map(String.init).joined(separator: ",")),
                ("optimizationErrors", errors.map(\.evidenceText).joined(separator: ",")),
                ("entropicBias", evaluation.bias.evidenceText),
                ("totalReadoutErrorAtDepth", evaluation.totalError.evidenceText),
            ]
            if decision.verdict == .refuted {
                evidence.append((decision.failingLayerKey, String(layers[decision.index + 1])))
                evidence.append(("replay", claim.replayCommand(claim: .s1)))
            }
            outcomes.append(ClaimOutcome(
                id: .s1, reading: "readout → barycentric projection of P*_λ with depth, \(run.rawValue)", instance: claim.name,
                verdict: decision.verdict, margin: decision.margin.evidenceText, roundingEstimate: decision.roundingEstimate.evidenceText,
                precisionBits: decision.precisionBits, evidence: evidence))
        }

        let (biasDecisions, biasValues) = try PrecisionEscalation.decideAll(policy: policy) { bits in
            let values = try biases(claim, precision: bits)
            return ([(1..<values.count).map { values[$0 - 1] - values[$0] }], values)
        }
        let decision = biasDecisions[0]
        outcomes.append(ClaimOutcome(
            id: .s1, reading: "entropic bias shrinks as λ → λ/8", instance: claim.name,
            verdict: decision.verdict, margin: decision.margin.evidenceText, roundingEstimate: decision.roundingEstimate.evidenceText,
            precisionBits: decision.precisionBits,
            evidence: [("biasAtLambdaOver1,2,4,8", biasValues.map(\.evidenceText).joined(separator: ","))]))
        return outcomes
    }
}
