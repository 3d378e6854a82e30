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
/// b + t·SE(b) ≤ 0; refuted when b − t·SE(b) > 0 (ĉ still grows at the end
/// of the budget, evidence against boundedness rather than a proof of its
/// failure, since c is unknown); undecided otherwise, or
/// with fewer than 3 checkpoints whose μ_best exceeds its rounding estimate
/// (μ at p + 64 bits) by the safety factor. In that case the precision
/// doubles, up to the cap, before the verdict is undecided.
///
/// Readings: μ of A^(k) (the object of the statement) or of M^(k) (the
/// object of the published proof), and η as the half-step ratio tanh(Δ/4) or
/// the full-iteration ratio tanh²(Δ/4).
public enum T2Check {
    struct Series {
        /// μ_best(ℓ) for ℓ = 1...depth (index ℓ − 1), for A^(k) and M^(k);
        /// empty when T2's threshold exceeds the depth.
        var attention: [BigFloat] = []
        var kernel: [BigFloat] = []
        var r: BigFloat
        /// Δ, the projective diameter of exp(−C/λ).
        var diameter: BigFloat
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
        var result = Series(
            r: r, diameter: HilbertMetric.projectiveDiameter(cost: problem.cost, lambda: lambda),
            threshold: threshold, gamma: gamma)

        // Below T2's threshold the bound does not apply, so the run is skipped.
        guard ownStepsize || threshold <= BigFloat(depth, precision: precision) else { return result }
        var transformer = ClaimInstance.transformer(problem, stepsize: gamma, u0: u0, v0: v0)
        var bestAttention = HilbertMetric.distance(transformer.restrictedAttention, reference.plan)
        var bestKernel = HilbertMetric.distance(transformer.kernel, reference.plan)
        for _ in 1...depth {
            try transformer.advance()
            bestAttention = BigFloat.minimum(bestAttention, HilbertMetric.distance(transformer.restrictedAttention, reference.plan))
            bestKernel = BigFloat.minimum(bestKernel, HilbertMetric.distance(transformer.kernel, reference.plan))
            result.attention.append(bestAttention)
            result.kernel.append(bestKernel)
        }
        return result
    }

    enum Object: String, CaseIterable { case attention = "A^(k)", kernel = "M^(k)" }
    enum Eta: String, CaseIterable { case halfStep = "η = tanh(Δ/4)", fullIteration = "η = tanh²(Δ/4)" }

    /// 1 − η without cancellation: 1 − tanh(Δ/4) = 2/(1 + e^{Δ/2}) and
    /// 1 − tanh²(Δ/4) = 4/(e^{Δ/4} + e^{−Δ/4})².
    static func oneMinusEta(_ eta: Eta, diameter: BigFloat) -> BigFloat {
        let p = diameter.precisionBits
        switch eta {
        case .halfStep:
            return BigFloat(2, precision: p) / (BigFloat(1, precision: p) + BigFloat.exp(diameter / BigFloat(2, precision: p)))
        case .fullIteration:
            let quarter = diameter / BigFloat(4, precision: p)
            let sum = BigFloat.exp(quarter) + BigFloat.exp(-quarter)
            return BigFloat(4, precision: p) / (sum * sum)
        }
    }

    /// Checks T2 (four readings) and T2′ (two readings) on `claim`. When a
    /// reading is undecided because fit points were within rounding, the
    /// precision doubles, up to the cap.
    public static func check(_ claim: ClaimInstance, depth: Int? = nil, policy: PrecisionPolicy = PrecisionPolicy()) throws -> [ClaimOutcome] {
        var bits = policy.startBits
        while true {
            let outcomes = try check(claim, depth: depth ?? claim.depth, policy: policy, bits: bits)
            let limitedByRounding = outcomes.contains { outcome in
                outcome.verdict == .undecided && outcome.evidence.contains { $0.0 == "fitPointsWithinRounding" && $0.1 != "0" }
            }
            if !limitedByRounding || bits * 2 > policy.capBits { return outcomes }
            bits *= 2
        }
    }

    static func check(_ claim: ClaimInstance, depth: Int, policy: PrecisionPolicy, bits: Int) throws -> [ClaimOutcome] {
        let working = try series(claim, depth: depth, precision: bits, ownStepsize: false)
        let reached = !working.attention.isEmpty
        let accurate = reached ? try series(claim, depth: depth, precision: bits + policy.extraBits, ownStepsize: false) : working
        let ownWorking = try series(claim, depth: depth, precision: bits, ownStepsize: true)
        let ownAccurate = try series(claim, depth: depth, precision: bits + policy.extraBits, ownStepsize: true)
        let n = claim.instance.count
        let lambda: BigFloat = claim.instance.regularization.value(precision: bits)
        let seriesEvidence: [(String, String)] = claim.series.map { [("series", $0)] } ?? []
        var outcomes: [ClaimOutcome] = []

        for object in Object.allCases {
            for eta in Eta.allCases {
                let complement = oneMinusEta(eta, diameter: working.diameter)
                let base: [(String, String)] = [("n", String(n))] + seriesEvidence + [
                    ("r", working.r.evidenceText), ("gamma", working.gamma.evidenceText),
                    ("oneMinusEta", complement.evidenceText), ("threshold", working.threshold.evidenceText), ("depth", String(depth)),
                ]
                guard reached, accurate.attention.count == depth else {
                    outcomes.append(ClaimOutcome(
                        id: .t2, reading: "μ(\(object.rawValue), P*), \(eta.rawValue)", instance: claim.name, verdict: .notReached,
                        margin: (BigFloat(depth, precision: bits) - working.threshold).evidenceText, roundingEstimate: "0",
                        precisionBits: bits, evidence: base))
                    continue
                }
                let scale = complement
                    / (BigFloat.pow(BigFloat(n, precision: bits), try! BigFloat(decimal: "1.5", precision: bits))
                        * BigFloat.sqrt(working.r) * BigFloat.exp(working.r / lambda))
                outcomes.append(judge(
                    claim: claim, id: .t2, reading: "μ(\(object.rawValue), P*), \(eta.rawValue)",
                    values: object == .attention ? working.attention : working.kernel,
                    comparison: object == .attention ? accurate.attention : accurate.kernel,
                    minimumLayer: working.threshold, scale: scale, policy: policy, bits: bits, evidence: base))
            }
            let primeScale = BigFloat(1, precision: bits) / (BigFloat.sqrt(BigFloat(n, precision: bits)) * BigFloat.exp(BigFloat(1, precision: bits) / lambda))
            outcomes.append(judge(
                claim: claim, id: .t2Prime, reading: "μ(\(object.rawValue), P*), ĉ′ = μ_best·√ℓ/(√n·e^{1/λ}), the instance's γ",
                values: object == .attention ? ownWorking.attention : ownWorking.kernel,
                comparison: object == .attention ? ownAccurate.attention : ownAccurate.kernel,
                minimumLayer: BigFloat(1, precision: bits), scale: primeScale, policy: policy, bits: bits,
                evidence: [("n", String(n))] + seriesEvidence + [("gamma", ownWorking.gamma.evidenceText), ("depth", String(depth))]))
        }
        return outcomes
    }

    /// The layers of the trend fit: about 20 per decade, log-spaced, from
    /// depth/10 to depth.
    static func fitLayers(depth: Int) -> [Int] {
        var layers = Set([depth])
        var k = 0
        while true {
            let layer = Int(Foundation.pow(10, Double(k) / 20).rounded())
            if layer > depth { break }
            if 10 * layer >= depth { layers.insert(layer) }
            k += 1
        }
        return layers.sorted()
    }

    /// Returns the two-sided 95 % quantile of Student's t with `degrees`
    /// degrees of freedom (standard table values), or infinity below 1.
    static func studentQuantile(degrees: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086]
        if degrees < 1 { return .infinity }
        if degrees <= table.count { return table[degrees - 1] }
        if degrees <= 30 { return 2.042 }
        return 1.960
    }

    /// Measures ĉ(ℓ) = scale·μ_best(ℓ)·√ℓ at every layer past `minimumLayer`
    /// where μ_best exceeds 8 times its rounding estimate, and fits log ĉ
    /// against log ℓ over `fitLayers` (the last decade), since a bound
    /// O(1/√ℓ) is asymptotic and the transient of the first layers does not
    /// count against it.
    ///
    /// Verdict: holds when b + t·SE(b) ≤ 0 and refuted when b − t·SE(b) > 0,
    /// with t the 95 % Student quantile for k − 2 degrees of freedom. The
    /// running minima are correlated, so SE(b) is an estimate on the low side.
    /// The outcome's margin is −b, positive when ĉ decreases. Its rounding
    /// estimate is the largest relative rounding error of μ_best over the
    /// fitted points, which bounds the rounding error of each log ĉ.
    static func judge(
        claim: ClaimInstance, id: ClaimID, reading: String, values: [BigFloat], comparison: [BigFloat],
        minimumLayer: BigFloat, scale: BigFloat, policy: PrecisionPolicy, bits: Int, evidence base: [(String, String)]
    ) -> ClaimOutcome {
        let factor = BigFloat(policy.safetyFactor, precision: bits)
        let depth = values.count
        let fitted = Set(fitLayers(depth: depth))
        var logLayers: [Double] = []
        var logConstants: [Double] = []
        var largest: BigFloat? = nil
        var relativeRounding = BigFloat(0, precision: bits)
        var excluded = 0
        for layer in 1...depth where BigFloat(layer, precision: bits) >= minimumLayer {
            let value = values[layer - 1]
            let estimate = (value - comparison[layer - 1].rounded(toPrecision: bits)).magnitude
            guard value > factor * estimate else {
                if fitted.contains(layer) { excluded += 1 }
                continue
            }
            let implied = scale * value * BigFloat.sqrt(BigFloat(layer, precision: bits))
            largest = largest.map { BigFloat.maximum($0, implied) } ?? implied
            guard fitted.contains(layer) else { continue }
            relativeRounding = BigFloat.maximum(relativeRounding, estimate / value)
            logLayers.append(Foundation.log(Double(layer)))
            logConstants.append(BigFloat.log(implied).doubleValue)
        }
        var evidence = base
        evidence.append(("fitWindow", "\(fitted.min() ?? depth)...\(depth)"))
        evidence.append(("fitPointsUsed", String(logLayers.count)))
        evidence.append(("fitPointsWithinRounding", String(excluded)))
        evidence.append(("largestImpliedConstant", largest?.evidenceText ?? "n/a"))
        guard logLayers.count >= 3, let fit = TrendFit(x: logLayers, y: logConstants), fit.slope.isFinite else {
            return ClaimOutcome(id: id, reading: reading, instance: claim.name, verdict: .undecided, margin: "n/a",
                                roundingEstimate: relativeRounding.evidenceText, precisionBits: bits, evidence: evidence)
        }
        let quantile = studentQuantile(degrees: fit.count - 2)
        evidence.append(("slope", String(format: "%.4f", fit.slope)))
        evidence.append(("slopeStandardError", String(format: "%.4f", fit.slopeStandardError)))
        evidence.append(("studentQuantile", String(format: "%.3f", quantile)))
        let verdict: Verdict
        if fit.slope + quantile * fit.slopeStandardError <= 0 {
            verdict = .holds
        } else if fit.slope - quantile * fit.slopeStandardError > 0 {
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
