import ArbitraryPrecision

/// The rule that keeps rounding from deciding a verdict.
///
/// A check evaluates its signed margins m_k (m_k ≥ 0 where the claim holds at
/// point k) at the working precision p and again at p + 64 bits. The
/// rounding estimate of point k is e_k = |m_k(p) − m_k(p + 64)|, and 0 when
/// both are the same infinity (a vacuous bound, or a quantity that overflows
/// at every precision). Point k is decided when |m_k(p)| > F·e_k with safety
/// factor F, and also m_k(p) ≠ 0.
///
/// - refuted: some point has m_k(p) < −F·e_k; the first one is reported;
/// - holds: every point has m_k(p) > F·e_k; the smallest margin is reported;
/// - otherwise p doubles, up to the cap, and the check runs again; at the cap
///   the verdict is undecided.
public struct PrecisionPolicy: Sendable {
    public var startBits: Int
    public var capBits: Int
    public var safetyFactor: Int
    /// Extra bits of the comparison run.
    public var extraBits: Int

    public init(startBits: Int = 256, capBits: Int = 4096, safetyFactor: Int = 8, extraBits: Int = 64) {
        precondition(startBits >= 53 && capBits >= startBits && safetyFactor >= 1 && extraBits >= 64)
        self.startBits = startBits
        self.capBits = capBits
        self.safetyFactor = safetyFactor
        self.extraBits = extraBits
    }
}

/// The decision of `PrecisionPolicy` over one list of pointwise margins.
public struct MarginDecision: Sendable {
    public let verdict: Verdict
    /// The decisive point: first refuted, smallest margin, or first undecidable.
    public let index: Int
    public let margin: BigFloat
    public let roundingEstimate: BigFloat
    public let precisionBits: Int
    /// For a refutation: whether an earlier point was still undecided at the
    /// precision cap, so `index` is the first decided failure, not
    /// necessarily the first failure.
    public var undecidedBefore = false

    /// The evidence key of a refutation's layer.
    public var failingLayerKey: String { undecidedBefore ? "firstDecidedFailingLayer" : "firstFailingLayer" }
}

public enum PrecisionEscalation {
    /// Evaluates `margins` at increasing precision until every point is
    /// decided or one is refuted. `margins(p)` must return the same number of
    /// points at every precision.
    public static func decide(
        policy: PrecisionPolicy,
        margins: (Int) throws -> [BigFloat]
    ) rethrows -> MarginDecision {
        var bits = policy.startBits
        while true {
            let working = try margins(bits)
            let accurate = try margins(bits + policy.extraBits)
            precondition(working.count == accurate.count && !working.isEmpty, "a check must return the same non-empty list of margins at every precision")
            let atCap = bits * 2 > policy.capBits
            let decision = classify(working, accurate, safetyFactor: policy.safetyFactor, bits: bits, atCap: atCap)
            if decision.verdict != .undecided || atCap { return decision }
            bits *= 2
        }
    }

    /// Classifies one round. A refuted point after an undecided one counts
    /// as undecided below the cap, so that the precision rises until the
    /// reported failure is the first one.
    static func classify(_ working: [BigFloat], _ accurate: [BigFloat], safetyFactor: Int, bits: Int, atCap: Bool) -> MarginDecision {
        // No point to check (for example S1 with a depth of 1): nothing is decided.
        guard !working.isEmpty else {
            let zero = BigFloat(0, precision: bits)
            return MarginDecision(verdict: .undecided, index: 0, margin: zero, roundingEstimate: zero, precisionBits: bits)
        }
        let factor = BigFloat(safetyFactor, precision: bits)
        var smallest: Int? = nil
        var firstUndecided: Int? = nil
        var estimates: [BigFloat] = []
        for k in working.indices {
            // Equal margins, infinite ones included (a vacuous bound), agree
            // exactly; inf − inf would give a NaN estimate instead of 0.
            let rounded = accurate[k].rounded(toPrecision: bits)
            let estimate = working[k] == rounded ? BigFloat(0, precision: bits) : (working[k] - rounded).magnitude
            estimates.append(estimate)
            let decided = working[k].magnitude > factor * estimate && !working[k].isZero
            if decided && working[k] < BigFloat(0, precision: bits) {
                if let earlier = firstUndecided, !atCap {
                    return MarginDecision(verdict: .undecided, index: earlier, margin: working[earlier], roundingEstimate: estimates[earlier], precisionBits: bits)
                }
                var decision = MarginDecision(verdict: .refuted, index: k, margin: working[k], roundingEstimate: estimate, precisionBits: bits)
                decision.undecidedBefore = firstUndecided != nil
                return decision
            }
            if !decided && firstUndecided == nil { firstUndecided = k }
            if smallest.map({ working[k] < working[$0] }) ?? true { smallest = k }
        }
        if let k = firstUndecided {
            return MarginDecision(verdict: .undecided, index: k, margin: working[k], roundingEstimate: estimates[k], precisionBits: bits)
        }
        let k = smallest!
        return MarginDecision(verdict: .holds, index: k, margin: working[k], roundingEstimate: estimates[k], precisionBits: bits)
    }
}

extension PrecisionEscalation {
    /// `decide` for several readings computed in one pass: `evaluate(p)`
    /// returns one margin list per reading and a payload (evidence data).
    /// Precision is raised for all readings while any is undecided. Returns
    /// the decisions and the payload of the working-precision run they rest on.
    public static func decideAll<Payload>(
        policy: PrecisionPolicy,
        evaluate: (Int) throws -> (margins: [[BigFloat]], payload: Payload)
    ) rethrows -> (decisions: [MarginDecision], payload: Payload) {
        var bits = policy.startBits
        while true {
            let working = try evaluate(bits)
            let accurate = try evaluate(bits + policy.extraBits)
            let atCap = bits * 2 > policy.capBits
            let decisions = zip(working.margins, accurate.margins).map {
                classify($0, $1, safetyFactor: policy.safetyFactor, bits: bits, atCap: atCap)
            }
            if decisions.allSatisfy({ $0.verdict != .undecided }) || atCap {
                return (decisions, working.payload)
            }
            bits *= 2
        }
    }
}
