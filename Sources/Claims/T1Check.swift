import ArbitraryPrecision
import Construction
import Transport

/// T1: one layer performs one step of the dual gradient descent.
///
/// At every layer ℓ = 1..depth the check measures
/// - global agreement g_ℓ = max |(u, v)_transformer^(ℓ) − (u, v)_algorithm^(ℓ)|,
///   the algorithm run on its own from the same start;
/// - local agreement l_ℓ = max |(u, v)^(ℓ) − step((u, v)^(ℓ−1))|, one step of the
///   algorithm from the transformer's own columns before the layer.
///
/// The claim is an identity, so each deviation is computed at p, p + 64 and
/// p + 128 bits. It is a real failure when it is stable,
/// d_ℓ(p) > F · |d_ℓ(p) − d_ℓ(p + 64)|, and it counts as rounding only when it
/// stays within 2^16 units in the last place of the columns at all three
/// precisions, d_ℓ(q) ≤ 2^(16−q)·m_ℓ with m_ℓ = max |u, v|: a true deviation
/// hidden below the rounding at p shows at p + 128. A layer whose update
/// rounds away at p (the columns do not change) proves nothing and is
/// undecided. A verdict of holds therefore bounds the true deviation by
/// 2^(16−p−128)·m_ℓ.
public enum T1Check {
    struct Trace {
        var global: [BigFloat] = []
        var local: [BigFloat] = []
        /// (u_{n+1}, v_{n+1}) before each layer.
        var extraToken: [(BigFloat, BigFloat)] = []
        /// max |(u, v)^(ℓ) − (u, v)^(ℓ−1)| over tokens 1..n: zero when the
        /// layer's update rounds away at this precision.
        var update: [BigFloat] = []
        /// m_ℓ = max |u, v| over tokens 1..n after the layer.
        var magnitude: [BigFloat] = []
        var lambda: BigFloat
    }

    static func trace(_ claim: ClaimInstance, depth: Int, precision: Int) throws -> Trace {
        let (problem, u0, v0) = try claim.problemAndStart(precision: precision)
        let gamma: BigFloat = claim.instance.stepsize.value(precision: precision)
        var transformer = ClaimInstance.transformer(problem, stepsize: gamma, u0: u0, v0: v0, asWritten: true)
        var algorithm = DualGradientDescent(problem: problem, initialU: u0, initialV: v0)
        var trace = Trace(lambda: problem.regularization)
        for _ in 1...depth {
            let before = (transformer.u, transformer.v)
            trace.extraToken.append(transformer.extraTokenDuals)
            try transformer.advance()
            algorithm.advance(stepsize: gamma)
            let step = DualGradientDescent.step(problem: problem, u: before.0, v: before.1, stepsize: gamma)
            trace.update.append(maxDeviation(transformer.u, transformer.v, before.0, before.1, precision))
            trace.magnitude.append(BigFloat.maximum(
                VectorNorms.maxNorm(transformer.u, precision: precision), VectorNorms.maxNorm(transformer.v, precision: precision)))
            trace.global.append(maxDeviation(transformer.u, transformer.v, algorithm.u, algorithm.v, precision))
            trace.local.append(maxDeviation(transformer.u, transformer.v, step.u, step.v, precision))
        }
        return trace
    }

    static func maxDeviation(_ u: [BigFloat], _ v: [BigFloat], _ a: [BigFloat], _ b: [BigFloat], _ p: Int) -> BigFloat {
        BigFloat.maximum(VectorNorms.maxDistance(u, a, precision: p), VectorNorms.maxDistance(v, b, precision: p))
    }

    /// Checks both readings (global and local agreement) on `claim`.
    public static func check(_ claim: ClaimInstance, depth: Int = 40, policy: PrecisionPolicy = PrecisionPolicy()) throws -> [ClaimOutcome] {
        let depth = Swift.min(depth, claim.depth)
        var bits = policy.startBits
        while true {
            let working = try trace(claim, depth: depth, precision: bits)
            let accurate = try trace(claim, depth: depth, precision: bits + policy.extraBits)
            let confirming = try trace(claim, depth: depth, precision: bits + 2 * policy.extraBits)
            let atCap = bits * 2 > policy.capBits
            let global = IdentityDecision.decide(
                [working.global, accurate.global, confirming.global], update: working.update, magnitude: working.magnitude,
                safetyFactor: policy.safetyFactor, bits: bits, extraBits: policy.extraBits, atCap: atCap)
            let local = IdentityDecision.decide(
                [working.local, accurate.local, confirming.local], update: working.update, magnitude: working.magnitude,
                safetyFactor: policy.safetyFactor, bits: bits, extraBits: policy.extraBits, atCap: atCap)
            let finished = global.verdict != .undecided && local.verdict != .undecided
            if finished || atCap {
                return [
                    outcome(claim, reading: "global agreement with the separately run algorithm", decision: global, trace: working, depth: depth),
                    outcome(claim, reading: "local agreement: one layer against one algorithm step", decision: local, trace: working, depth: depth),
                ]
            }
            bits *= 2
        }
    }

    static func outcome(_ claim: ClaimInstance, reading: String, decision: MarginDecision, trace: Trace, depth: Int) -> ClaimOutcome {
        var evidence: [(String, String)] = [("layersChecked", "1...\(depth)")]
        if decision.verdict == .refuted {
            let layer = decision.index + 1
            let (extraU, extraV) = trace.extraToken[decision.index]
            evidence += [
                (decision.undecidedBefore ? "firstDecidedFailingLayer" : "firstFailingLayer", String(layer)),
                ("deviation", decision.margin.magnitude.evidenceText),
                ("claimedDeviation", "0"),
                ("tokenNPlus1Before", "u = \(extraU.evidenceText), v = \(extraV.evidenceText)"),
                ("scoresThatDiffer", "key n+1 for every real query: head U scores v_{n+1}/λ = \((extraV / trace.lambda).evidenceText), head V scores u_{n+1}/λ = \((extraU / trace.lambda).evidenceText); the derivation needs 0 (weight e^0 = 1 on mass −1/n gives the +1 in (r_i − 1/n)/(r_i + 1))"),
                ("replay", claim.replayCommand(claim: .t1)),
            ]
        } else {
            evidence.append(("largestDeviation", decision.margin.magnitude.evidenceText))
        }
        return ClaimOutcome(
            id: .t1, reading: reading, instance: claim.name, verdict: decision.verdict,
            margin: decision.margin.magnitude.evidenceText, roundingEstimate: decision.roundingEstimate.evidenceText,
            precisionBits: decision.precisionBits, evidence: evidence)
    }
}

/// The decision rule for identities (claimed deviation 0), see `T1Check`.
enum IdentityDecision {
    /// - Parameters:
    ///   - deviations: d_ℓ at p, p + e and p + 2e bits, e = `extraBits`.
    ///   - update: the size of each layer's update at p bits.
    ///   - magnitude: m_ℓ at p bits.
    static func decide(_ deviations: [[BigFloat]], update: [BigFloat], magnitude: [BigFloat], safetyFactor: Int, bits: Int, extraBits: Int, atCap: Bool) -> MarginDecision {
        precondition(deviations.count == 3 && deviations.allSatisfy { $0.count == update.count })
        let working = deviations[0]
        let accurate = deviations[1].map { $0.rounded(toPrecision: bits) }
        let confirming = deviations[2].map { $0.rounded(toPrecision: bits) }
        let factor = BigFloat(safetyFactor, precision: bits)
        let two = BigFloat(2, precision: bits)
        var largest = 0
        var firstUndecided: Int? = nil
        var estimates: [BigFloat] = []
        for k in working.indices {
            let estimate = (working[k] - accurate[k]).magnitude
            estimates.append(estimate)
            if !working[k].isZero && working[k] > factor * estimate {
                if let earlier = firstUndecided, !atCap {
                    return MarginDecision(verdict: .undecided, index: earlier, margin: working[earlier], roundingEstimate: estimates[earlier], precisionBits: bits)
                }
                var decision = MarginDecision(verdict: .refuted, index: k, margin: working[k], roundingEstimate: estimate, precisionBits: bits)
                decision.undecidedBefore = firstUndecided != nil
                return decision
            }
            let frozen = update[k].isZero
            let atRounding = zip([working[k], accurate[k], confirming[k]], [bits, bits + extraBits, bits + 2 * extraBits]).allSatisfy { deviation, q in
                deviation <= BigFloat.pow(two, BigFloat(16 - q, precision: bits)) * magnitude[k]
            }
            let consistent = !frozen && atRounding
            if !consistent && firstUndecided == nil { firstUndecided = k }
            if working[largest] < working[k] { largest = k }
        }
        if let k = firstUndecided {
            return MarginDecision(verdict: .undecided, index: k, margin: working[k], roundingEstimate: estimates[k], precisionBits: bits)
        }
        return MarginDecision(verdict: .holds, index: largest, margin: working[largest], roundingEstimate: estimates[largest], precisionBits: bits)
    }
}
