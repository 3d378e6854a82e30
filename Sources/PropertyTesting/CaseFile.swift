import Campaign
import Foundation
import Reports

/// A saved case with the verdict it produced, as a JSON file that
/// `otverify properties --replay FILE` checks again.
///
/// Numbers are strings: coordinates, λ, γ and duals in their exact spelling
/// (`0.25`, `3e-2`, `1/3`), the seed in decimal because it may exceed 2^53.
/// Replaying evaluates the property at `precisionBits` and compares the
/// verdict and message with the recorded ones, character for character.
public struct CaseFile: Sendable, Equatable {
    public static let format = "otverify-property-case-1"

    public var property: String
    public var precisionBits: Int
    /// The run's seed and the index of the generated case that failed before
    /// shrinking, for regenerating the run.
    public var seed: UInt64
    public var caseIndex: UInt64
    public var verdict: Verdict
    public var testCase: PropertyCase

    public init(property: String, precisionBits: Int, seed: UInt64, caseIndex: UInt64, verdict: Verdict, testCase: PropertyCase) {
        self.property = property
        self.precisionBits = precisionBits
        self.seed = seed
        self.caseIndex = caseIndex
        self.verdict = verdict
        self.testCase = testCase
    }

    public func json() -> JSONValue {
        let c = testCase
        return .object([
            ("format", .string(Self.format)),
            ("property", .string(property)),
            ("precisionBits", .integer(precisionBits)),
            ("seed", .string(String(seed))),
            ("caseIndex", .string(String(caseIndex))),
            ("outcome", .string(verdict.outcome)),
            ("message", .string(verdict.message)),
            ("case", .object([
                ("generator", .string(c.generator)),
                ("source", Self.points(c.source)),
                ("target", Self.points(c.target)),
                ("lambda", .string(c.regularization.description)),
                ("gamma", .string(c.stepsize.description)),
                ("layers", .integer(c.layers)),
                ("initialDuals", Self.duals(c.initialDuals)),
                ("auxiliarySeed", .string(String(c.auxiliarySeed))),
            ])),
        ])
    }

    private static func numbers(_ values: [ExactNumber]) -> JSONValue { .array(values.map { .string($0.description) }) }
    private static func points(_ values: [[ExactNumber]]) -> JSONValue { .array(values.map(numbers)) }

    private static func duals(_ duals: InitialDuals) -> JSONValue {
        switch duals {
        case .zero:
            return .object([("kind", .string("zero"))])
        case let .explicit(u, v):
            return .object([("kind", .string("explicit")), ("u", numbers(u)), ("v", numbers(v))])
        case let .nearMinimizer(distance, a, b):
            return .object([
                ("kind", .string("near-minimizer")), ("distance", .string(distance.description)),
                ("directionU", numbers(a)), ("directionV", numbers(b)),
            ])
        }
    }
}
