import Foundation
import ArbitraryPrecision
import Campaign
import Construction
import Transport

/// T2 and T2′: the approximation bound in Hilbert's projective metric μ.
///
/// T2: with r = 2·dist((u⁰, v⁰), minimizers) for the closest minimizer, the
/// L1 stepsize γ = 1/((n + 2)e^{2r/λ}) and ℓ ≥ ℓ₀ = 64·n³·r·e^{3r/λ}, some layer
/// k ≤ ℓ has μ(A^(k), P*_λ) ≤ c·n^{3/2}·√r·e^{r/λ} / ((1 − η)√ℓ). The constant c
/// is not published, so the check measures the implied constant
/// ĉ(ℓ) = μ_best(ℓ)·(1 − η)·√ℓ / (n^{3/2}·√r·e^{r/λ}), μ_best(ℓ) = min_{k ≤ ℓ} μ,
/// and tests whether it stays bounded: the slope b of log ĉ against log ℓ
/// over the last decade of checkpoints past ℓ₀ must not be positive.
///
/// T2′: ĉ′(ℓ) = μ_best(ℓ)·√ℓ / (√n·e^{1/λ}), with no threshold and no η,
/// along a run with the instance's own stepsize: the revised statement has
/// parameters that do not depend on n, d or the input.
///
/// Verdicts: not-reached when ℓ₀ exceeds the depth budget; holds when
/// b + 2·SE(b) ≤ 0; refuted when b − 2·SE(b) > 0 (ĉ still grows at the end
/// of the budget, evidence against boundedness rather than a proof of its
/// failure, since c is unknown); undecided otherwise, or
/// with fewer than 3 checkpoints whose μ_best exceeds its rounding estimate
/// (μ at p + 64 bits) by the safety factor. Readings: μ of A^(k) (the object
/// of the statement) or of M^(k) (the object of the published proof), and η
/// as the half-step ratio tanh(Δ/4) or the full-iteration ratio tanh²(Δ/4).
public enum T2Check {
    struct Series {
        var checkpoints: [Int] = []
        /// μ_best at each checkpoint for A^(k) and M^(k).
        var attention: [BigFloat] = []
        var kernel: [BigFloat] = []
        var r: BigFloat
        var eta: BigFloat
        var threshold: BigFloat
        var gamma: BigFloat
    }

    /// μ_best along a run with the L1 stepsize (T2) or the instance's own
    /// stepsize (T2′, whose parameters do not depend on the input).
    static func series(_ claim: ClaimInstance, depth: Int, precision: Int, ownStepsize: Bool) throws -> Series {
        let (problem, reference, u0, v0) = try claim.setUp(precision: precision)
        let n = problem.count
        let lambda = problem.regularization
        let shift = DualMinimizerDistance.closestShift(u0: u0, v0: v0, minimizer: reference)
        let r = DualMinimizerDistance.radius(u0: u0, v0: v0, minimizer: reference, shift: shift)
        let constants = L1Check.constants(n: n, lambda: lambda, r: r)
        let threshold = BigFloat(64 * n * n * n, precision: precision) * r * BigFloat.exp(BigFloat(3, precision: precision) * r / lambda)
        let gamma = ownStepsize ? claim.instance.stepsize.value(precision: precision) : constants.gamma
        var result = Series(r: r, eta: HilbertMetric.contractionRatio(cost: problem.cost, lambda: lambda), threshold: threshold, gamma: gamma)

        // Below T2's threshold the bound does not apply, so the run is skipped.
        guard ownStepsize || threshold <= BigFloat(depth, precision: precision) else { return result }
        let checkpoints = Set(reportedLayers(depth: depth))
        var transformer = ClaimInstance.transformer(problem, stepsize: gamma, u0: u0, v0: v0)
        var bestAttention: BigFloat? = nil
        var bestKernel: BigFloat? = nil
        for layer in 0...depth {
            if layer > 0 { transformer.advance() }
            let attention = HilbertMetric.distance(transformer.restrictedAttention, reference.plan)
            let kernel = HilbertMetric.distance(transformer.kernel, reference.plan)
            bestAttention = bestAttention.map { BigFloat.minimum($0, attention) } ?? attention
            bestKernel = bestKernel.map { BigFloat.minimum($0, kernel) } ?? kernel
            if layer > 0 && checkpoints.contains(layer) {
                result.checkpoints.append(layer)
                result.attention.append(bestAttention!)
                result.kernel.append(bestKernel!)
            }
        }
        return result
    }

    enum Object: String, CaseIterable { case attention = "A^(k)", kernel = "M^(k)" }
    enum Eta: String, CaseIterable { case halfStep = "η = tanh(Δ/4)", fullIteration = "η = tanh²(Δ/4)" }

    /// Checks T2 (four readings) and T2′ (two readings) on `claim`.
    public static func check(_ claim: ClaimInstance, depth: Int? = nil, policy: PrecisionPolicy = PrecisionPolicy()) throws -> [ClaimOutcome] {
        let depth = depth ?? claim.depth
        let bits = policy.startBits
        let working = try series(claim, depth: depth, precision: bits, ownStepsize: false)
        let accurate = try series(claim, depth: depth, precision: bits + policy.extraBits, ownStepsize: false)
        let ownWorking = try series(claim, depth: depth, precision: bits, ownStepsize: true)
        let ownAccurate = try series(claim, depth: depth, precision: bits + policy.extraBits, ownStepsize: true)
        let n = claim.instance.count
        let lambda: BigFloat = claim.instance.regularization.value(precision: bits)
        var outcomes: [ClaimOutcome] = []

        for object in Object.allCases {
            let values = object == .attention ? working.attention : working.kernel
            let comparison = object == .attention ? accurate.attention : accurate.kernel
            for eta in Eta.allCases {
                let ratio = eta == .halfStep ? working.eta : working.eta * working.eta
                let base: [(String, String)] = [
                    ("n", String(n)), ("r", working.r.evidenceText), ("gamma", working.gamma.evidenceText),
                    ("eta", ratio.evidenceText), ("threshold", working.threshold.evidenceText), ("depth", String(depth)),
                ]
                if working.threshold > BigFloat(depth, precision: bits) {
                    outcomes.append(ClaimOutcome(
                        id: .t2, reading: "μ(\(object.rawValue), P*), \(eta.rawValue)", instance: claim.name, verdict: .notReached,
                        margin: (BigFloat(depth, precision: bits) - working.threshold).evidenceText, roundingEstimate: "0",
                        precisionBits: bits, evidence: base))
                    continue
                }
                let scale = (BigFloat(1, precision: bits) - ratio)
                    / (BigFloat.pow(BigFloat(n, precision: bits), try! BigFloat(decimal: "1.5", precision: bits))
                        * BigFloat.sqrt(working.r) * BigFloat.exp(working.r / lambda))
                outcomes.append(judge(
                    claim: claim, id: .t2, reading: "μ(\(object.rawValue), P*), \(eta.rawValue)",
                    checkpoints: working.checkpoints, values: values, comparison: comparison,
                    minimumLayer: working.threshold, scale: scale, policy: policy, bits: bits, evidence: base))
            }
            let primeScale = BigFloat(1, precision: bits) / (BigFloat.sqrt(BigFloat(n, precision: bits)) * BigFloat.exp(BigFloat(1, precision: bits) / lambda))
            outcomes.append(judge(
                claim: claim, id: .t2Prime, reading: "μ(\(object.rawValue), P*), ĉ′ = μ_best·√ℓ/(√n·e^{1/λ}), the instance's γ",
                checkpoints: ownWorking.checkpoints,
                values: object == .attention ? ownWorking.attention : ownWorking.kernel,
                comparison: object == .attention ? ownAccurate.attention : ownAccurate.kernel,
                minimumLayer: BigFloat(1, precision: bits), scale: primeScale, policy: policy, bits: bits,
                evidence: [("n", String(n)), ("gamma", ownWorking.gamma.evidenceText), ("depth", String(depth))]))
        }
        return outcomes
    }

    /// Fits log ĉ(ℓ) = log(scale·μ_best(ℓ)·√ℓ) against log ℓ over the last
    /// decade of checkpoints (depth/10 ≤ ℓ ≤ depth, and ℓ ≥ `minimumLayer`)
    /// where μ_best exceeds its rounding estimate by the safety factor. A
    /// bound O(1/√ℓ) is asymptotic, so the transient of the first layers does
    /// not count against it.
    ///
    /// The outcome's margin is −b, positive when ĉ decreases. Its rounding
    /// estimate is the largest relative rounding error of μ_best over the
    /// points used, which bounds the rounding error of each log ĉ. The
    /// slope's standard error is in the evidence.
    static func judge(
        claim: ClaimInstance, id: ClaimID, reading: String, checkpoints: [Int], values: [BigFloat], comparison: [BigFloat],
        minimumLayer: BigFloat, scale: BigFloat, policy: PrecisionPolicy, bits: Int, evidence base: [(String, String)]
    ) -> ClaimOutcome {
        let factor = BigFloat(policy.safetyFactor, precision: bits)
        let depth = checkpoints.last ?? 0
        var logLayers: [Double] = []
        var logConstants: [Double] = []
        var largest: BigFloat? = nil
        var relativeRounding = BigFloat(0, precision: bits)
        var excluded = 0
        for (index, layer) in checkpoints.enumerated() where BigFloat(layer, precision: bits) >= minimumLayer {
            let estimate = (values[index] - comparison[index].rounded(toPrecision: bits)).magnitude
            guard values[index] > factor * estimate else { excluded += 1; continue }
            let implied = scale * values[index] * BigFloat.sqrt(BigFloat(layer, precision: bits))
            // The largest ĉ is taken over every decided checkpoint past the threshold.
            largest = largest.map { BigFloat.maximum($0, implied) } ?? implied
            guard 10 * layer >= depth else { continue }
            relativeRounding = BigFloat.maximum(relativeRounding, estimate / values[index])
            logLayers.append(Foundation.log(Double(layer)))
            logConstants.append(BigFloat.log(implied).doubleValue)
        }
        var evidence = base
        evidence.append(("fitWindow", "\(Swift.max(1, (depth + 9) / 10))...\(depth)"))
        evidence.append(("checkpointsUsed", String(logLayers.count)))
        evidence.append(("checkpointsWithinRounding", String(excluded)))
        evidence.append(("largestImpliedConstant", largest?.evidenceText ?? "n/a"))
        guard logLayers.count >= 3, let fit = TrendFit(x: logLayers, y: logConstants) else {
            return ClaimOutcome(id: id, reading: reading, instance: claim.name, verdict: .undecided, margin: "n/a",
                                roundingEstimate: relativeRounding.evidenceText, precisionBits: bits, evidence: evidence)
        }
        evidence.append(("slope", String(format: "%.4f", fit.slope)))
        evidence.append(("slopeStandardError", String(format: "%.4f", fit.slopeStandardError)))
        let verdict: Verdict
        if fit.slope + 2 * fit.slopeStandardError <= 0 {
            verdict = .holds
        } else if fit.slope - 2 * fit.slopeStandardError > 0 {
            verdict = .refuted
            evidence.append(("replay", claim.replayCommand(claim: id)))
        } else {
            verdict = .undecided
        }
        return ClaimOutcome(id: id, reading: reading, instance: claim.name, verdict: verdict,
                            margin: String(format: "%.4f", -fit.slope), roundingEstimate: relativeRounding.evidenceText,
                            precisionBits: bits, evidence: evidence)
    }
}
