/// The result of checking a property on one case.
public enum Verdict: Sendable, Equatable {
    case pass
    /// The property does not hold on the case; the message gives the amount.
    case fail(String)
    /// The case is outside the property's domain or its reference could not
    /// be computed (for example Sinkhorn in MPFR did not converge). Discarded
    /// cases count neither as passes nor as failures.
    case discard(String)

    /// `pass`, `fail` or `discard`, as stored in case files.
    public var outcome: String {
        switch self {
        case .pass: return "pass"
        case .fail: return "fail"
        case .discard: return "discard"
        }
    }

    public var message: String {
        switch self {
        case .pass: return ""
        case let .fail(text), let .discard(text): return text
        }
    }
}

/// What a run of a property is expected to show.
public enum Expectation: String, Sendable {
    /// No counterexample should exist; finding one is a defect.
    case holds
    /// The statement is known to be false somewhere; the run should find a
    /// counterexample and shrink it.
    case counterexampleExpected = "counterexample-expected"
}

/// A statement about generated cases: a function from a case and a working
/// precision to a verdict, with the region of inputs it is tested on.
///
/// A claim check from another module plugs in by building a `Property`
/// whose `check` computes the claim's quantities and returns `.fail` with
/// the measured numbers when the claim's inequality is violated.
public struct Property: Sendable {
    /// A unique, lowercase, hyphenated name such as `m1-objective-algorithm`.
    public let name: String
    /// The claim ID the property tests (T1, S1, M1, …), or a short tag.
    public let claim: String
    /// One sentence stating the property and its tolerance.
    public let summary: String
    public let expectation: Expectation
    public let settings: GeneratorSettings
    /// Checks one case at `precision` bits. A thrown error discards the case.
    public let check: @Sendable (PropertyCase, Int) throws -> Verdict

    public init(
        name: String, claim: String, summary: String, expectation: Expectation = .holds,
        settings: GeneratorSettings = .standard,
        check: @escaping @Sendable (PropertyCase, Int) throws -> Verdict
    ) {
        self.name = name
        self.claim = claim
        self.summary = summary
        self.expectation = expectation
        self.settings = settings
        self.check = check
    }

    /// Checks `testCase`, turning a thrown error into `.discard`.
    public func evaluate(_ testCase: PropertyCase, precision: Int) -> Verdict {
        do {
            return try check(testCase, precision)
        } catch {
            return .discard("\(error)")
        }
    }
}
