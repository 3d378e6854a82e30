import ArbitraryPrecision
import Campaign
import Construction
import Transport

/// M1: monotone improvement with depth.
///
/// For a stepsize γ = ρ·λ the check follows five quantities q(ℓ) along
/// ℓ = 0..depth: the dual objective L(u, v) of the separately run algorithm and
/// of the transformer, ‖M^(ℓ) − P*_λ‖₁ for both, and ‖A^(ℓ)/n − P*_λ‖₁ for the
/// transformer. The margin at ℓ is q(ℓ − 1) − q(ℓ), which must be ≥ 0.
///
/// Once a trajectory is stationary the differences are pure rounding, so each
/// quantity is checked only up to the first layer where
/// |q(ℓ − 1) − q(ℓ)| ≤ 2^(−p/2) · max(1, |q(ℓ)|) at the working precision p,
/// reported as `layersChecked`.
public enum M1Check {
    public enum Quantity: String, CaseIterable, Sendable {
        case algorithmObjective = "L along the algorithm"
        case transformerObjective = "L along the transformer"
        case algorithmKernelError = "‖M − P*‖₁ along the algorithm"
        case transformerKernelError = "‖M − P*‖₁ along the transformer"
        case transformerAttentionError = "‖A/n − P*‖₁ along the transformer"
    }

    /// The γ/λ grid of the default check.
    public static let defaultRatios = ["0.125", "0.25", "0.4", "0.5", "1", "2", "4"]

    static func trajectories(_ claim: ClaimInstance, ratio: ExactNumber?, depth: Int, precision: Int) throws -> [Quantity: [BigFloat]] {
        let (problem, reference, u0, v0) = try claim.setUp(precision: precision)
        let gamma = ratio.map { ($0.value(precision: precision) as BigFloat) * problem.regularization }
            ?? claim.instance.stepsize.value(precision: precision)
        var transformer = ClaimInstance.transformer(problem, stepsize: gamma, u0: u0, v0: v0)
        var algorithm = DualGradientDescent(problem: problem, initialU: u0, initialV: v0)
        var values: [Quantity: [BigFloat]] = [:]
        for layer in 0...depth {
            if layer > 0 {
                try transformer.advance()
                algorithm.advance(stepsize: gamma)
            }
            let algorithmKernel = problem.kernelMatrix(u: algorithm.u, v: algorithm.v)
            let transformerKernel = transformer.kernel
            let attention = transformer.restrictedAttention.scaled(by: problem.uniformMass)
            values[.algorithmObjective, default: []].append(problem.dualObjective(u: algorithm.u, v: algorithm.v, kernel: algorithmKernel))
            values[.transformerObjective, default: []].append(problem.dualObjective(u: transformer.u, v: transformer.v, kernel: transformerKernel))
            values[.algorithmKernelError, default: []].append(VectorNorms.entrywiseL1Distance(algorithmKernel, reference.plan))
            values[.transformerKernelError, default: []].append(VectorNorms.entrywiseL1Distance(transformerKernel, reference.plan))
            values[.transformerAttentionError, default: []].append(VectorNorms.entrywiseL1Distance(attention, reference.plan))
        }
        return values
    }

    /// The number of layers before `values` becomes stationary: the layer
    /// before the first change of at most 2^(−p/2)·max(1, |q|).
    static func activeLength(_ values: [BigFloat]) -> Int {
        let p = values[0].precisionBits
        let threshold = BigFloat.pow(BigFloat(2, precision: p), BigFloat(-p, precision: p) / BigFloat(2, precision: p))
        let one = BigFloat(1, precision: p)
        for layer in 1..<values.count {
            let change = (values[layer - 1] - values[layer]).magnitude
            if change <= threshold * BigFloat.maximum(one, values[layer].magnitude) { return Swift.max(1, layer - 1) }
        }
        return values.count - 1
    }

    /// Checks every quantity at stepsize γ = ratio·λ, or at the instance's own
    /// γ when `ratio` is nil. The stationary cutoff
    /// comes from the working-precision run of each round, so it moves with
    /// the precision when the check escalates.
    public static func check(_ claim: ClaimInstance, ratio: ExactNumber?, depth: Int? = nil, policy: PrecisionPolicy = PrecisionPolicy()) throws -> [ClaimOutcome] {
        let ratioText = ratio?.description ?? (
            (claim.instance.stepsize.value(precision: 64) as BigFloat) / claim.instance.regularization.value(precision: 64)
        ).formatted(significantDigits: 6)
        let label = ratio == nil ? "γ = \(claim.instance.stepsize), γ/λ = \(ratioText)" : "γ/λ = \(ratioText)"
        let depth = depth ?? claim.depth
        let quantities = Quantity.allCases
        var bits = policy.startBits
        var decisions: [MarginDecision] = []
        var values: [Quantity: [BigFloat]] = [:]
        var lengths: [Int] = []
        while true {
            let working = try trajectories(claim, ratio: ratio, depth: depth, precision: bits)
            let accurate = try trajectories(claim, ratio: ratio, depth: depth, precision: bits + policy.extraBits)
            lengths = quantities.map { activeLength(working[$0]!) }
            let atCap = bits * 2 > policy.capBits
            decisions = quantities.indices.map { index in
                let margins = { (series: [BigFloat]) in (1...lengths[index]).map { series[$0 - 1] - series[$0] } }
                return PrecisionEscalation.classify(
                    margins(working[quantities[index]]!), margins(accurate[quantities[index]]!),
                    safetyFactor: policy.safetyFactor, bits: bits, atCap: atCap)
            }
            values = working
            if decisions.allSatisfy({ $0.verdict != .undecided }) || atCap { break }
            bits *= 2
        }

        return quantities.indices.map { index in
            let decision = decisions[index]
            let series = values[quantities[index]]!
            let layer = decision.index + 1
            var evidence: [(String, String)] = [
                ("gammaOverLambda", ratioText),
                ("n", String(claim.instance.count)),
                ("layersChecked", "1...\(lengths[index])"),
                ("valueAtLayer0", series[0].evidenceText),
                ("valueAtLastCheckedLayer", series[lengths[index]].evidenceText),
            ]
            if decision.verdict == .refuted {
                evidence += [
                    (decision.failingLayerKey, String(layer)),
                    ("before", series[layer - 1].evidenceText),
                    ("after", series[layer].evidenceText),
                    ("replay", claim.replayCommand(claim: .m1) + (ratio.map { " --gamma-over-lambda \($0)" } ?? "")),
                ]
            }
            return ClaimOutcome(
                id: .m1, reading: "\(quantities[index].rawValue), \(label)", instance: claim.name,
                verdict: decision.verdict, margin: decision.margin.evidenceText,
                roundingEstimate: decision.roundingEstimate.evidenceText, precisionBits: decision.precisionBits,
                evidence: evidence)
        }
    }
}
