import ArbitraryPrecision

/// The outcome of checking one claim on one instance.
public enum Verdict: String, Sendable, CaseIterable {
    /// The claimed inequality or identity held at every point checked, by
    /// more than the rounding estimate times the safety factor.
    case holds
    /// It failed at some point by more than the rounding estimate times the
    /// safety factor.
    case refuted
    /// A precondition cannot be met within the budget (for T2, the depth
    /// threshold exceeds the depth budget).
    case notReached = "not-reached"
    /// Some margin stayed within the rounding estimate even at the precision cap.
    case undecided
}

/// The claim identifiers used in code, tests, reports and Proofs/.
public enum ClaimID: String, Sendable, CaseIterable {
    case t1 = "T1"
    case l1 = "L1"
    case t2 = "T2"
    case t2Prime = "T2p"
    case s1 = "S1"
    case m1 = "M1"

    /// Parses `T1`, `L1`, `T2`, `T2p` (or `T2'`, `T2′`), `S1`, `M1`, in any case.
    public init?(argument: String) {
        let normalized = argument.uppercased().replacingOccurrences(of: "'", with: "P").replacingOccurrences(of: "′", with: "P")
        guard let id = ClaimID.allCases.first(where: { $0.rawValue.uppercased() == normalized }) else { return nil }
        self = id
    }
}

/// One verdict with its evidence. Numbers are decimal strings.
public struct ClaimOutcome: Sendable {
    public let id: ClaimID
    /// The reading of the claim that was checked, for example "ℓ2 norm, M^(k), transformer".
    public let reading: String
    public let instance: String
    public let verdict: Verdict
    /// The smallest margin (holds), the violation at the first failing point
    /// (refuted), the undecidable margin (undecided), or the shortfall (not-reached).
    public let margin: String
    /// The rounding-error estimate of `margin`: its change between the
    /// working precision and 64 bits more.
    public let roundingEstimate: String
    public let precisionBits: Int
    /// Ordered key–value evidence: values on both sides, the failing layer,
    /// thresholds, a replay command.
    public let evidence: [(String, String)]

    public init(id: ClaimID, reading: String, instance: String, verdict: Verdict, margin: String,
                roundingEstimate: String, precisionBits: Int, evidence: [(String, String)]) {
        self.id = id
        self.reading = reading
        self.instance = instance
        self.verdict = verdict
        self.margin = margin
        self.roundingEstimate = roundingEstimate
        self.precisionBits = precisionBits
        self.evidence = evidence
    }
}
