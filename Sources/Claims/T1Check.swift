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
/// The claim is an identity, so a deviation d_ℓ counts as rounding when it
/// collapses with 64 more bits (d_ℓ(p + 64) · 2^32 ≤ d_ℓ(p)), and as a real
/// failure when it is stable: d_ℓ(p) > F · |d_ℓ(p) − d_ℓ(p + 64)|.
public enum T1Check {
    struct Trace {
        var global: [BigFloat] = []
        var local: [BigFloat] = []
        /// (u_{n+1}, v_{n+1}) before each layer.
        var extraToken: [(BigFloat, BigFloat)] = []
        var lambda: BigFloat
    }

    static func trace(_ claim: ClaimInstance, depth: Int, precision: Int) throws -> Trace {
        let (problem, _, u0, v0) = try claim.setUp(precision: precision)
        let gamma: BigFloat = claim.instance.stepsize.value(precision: precision)
        var transformer = ClaimInstance.transformer(problem, stepsize: gamma, u0: u0, v0: v0, asWritten: true)
        var algorithm = DualGradientDescent(problem: problem, initialU: u0, initialV: v0)
        var trace = Trace(lambda: problem.regularization)
        for _ in 1...depth {
            let before = (transformer.u, transformer.v)
            trace.extraToken.append(transformer.extraTokenDuals)
            transformer.advance()
            algorithm.advance(stepsize: gamma)
            let step = DualGradientDescent.step(problem: problem, u: before.0, v: before.1, stepsize: gamma)
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
            let global = IdentityDecision.decide(working.global, accurate.global, safetyFactor: policy.safetyFactor, bits: bits)
            let local = IdentityDecision.decide(working.local, accurate.local, safetyFactor: policy.safetyFactor, bits: bits)
            let finished = global.verdict != .undecided && local.verdict != .undecided
            if finished || bits * 2 > policy.capBits {
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
                ("firstFailingLayer", String(layer)),
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
    static func decide(_ working: [BigFloat], _ accurate: [BigFloat], safetyFactor: Int, bits: Int) -> MarginDecision {
        let factor = BigFloat(safetyFactor, precision: bits)
        let collapse = BigFloat.pow(BigFloat(2, precision: bits), BigFloat(32, precision: bits))
        var largest = 0
        var firstUndecided: Int? = nil
        var estimates: [BigFloat] = []
        for k in working.indices {
            let estimate = (working[k] - accurate[k].rounded(toPrecision: bits)).magnitude
            estimates.append(estimate)
            if !working[k].isZero && working[k] > factor * estimate {
                return MarginDecision(verdict: .refuted, index: k, margin: working[k], roundingEstimate: estimate, precisionBits: bits)
            }
            let collapsed = working[k].isZero || accurate[k].rounded(toPrecision: bits) * collapse <= working[k]
            if !collapsed && firstUndecided == nil { firstUndecided = k }
            if working[largest] < working[k] { largest = k }
        }
        if let k = firstUndecided {
            return MarginDecision(verdict: .undecided, index: k, margin: working[k], roundingEstimate: estimates[k], precisionBits: bits)
        }
        return MarginDecision(verdict: .holds, index: largest, margin: working[largest], roundingEstimate: estimates[largest], precisionBits: bits)
    }
}
