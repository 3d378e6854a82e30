import Foundation

/// The budget and seed of one property run.
public struct RunConfiguration: Sendable {
    public var seed: UInt64
    /// At most this many generated cases.
    public var maxCases: Int
    /// Stop generating new cases after this many seconds. Shrinking a found
    /// counterexample then gets at most as many seconds again.
    public var timeLimit: Double
    /// MPFR working precision in bits.
    public var precision: Int
    /// Property evaluations the shrinker may spend.
    public var maxShrinkEvaluations: Int

    public init(seed: UInt64, maxCases: Int, timeLimit: Double = .infinity, precision: Int = 128, maxShrinkEvaluations: Int = 400) {
        precondition(maxCases >= 1 && precision >= 53, "a run needs at least one case and 53 bits")
        self.seed = seed
        self.maxCases = maxCases
        self.timeLimit = timeLimit
        self.precision = precision
        self.maxShrinkEvaluations = maxShrinkEvaluations
    }
}

/// A failing case, before and after shrinking.
public struct Counterexample: Sendable {
    public let property: String
    public let seed: UInt64
    /// The index of the generated case that first failed.
    public let caseIndex: UInt64
    public let original: PropertyCase
    public let originalMessage: String
    public let minimal: PropertyCase
    public let message: String
    public let shrinkSteps: Int
    public let shrinkEvaluations: Int
    /// Whether the time limit, not a minimum, ended shrinking.
    public let shrinkStoppedAtTimeLimit: Bool
}

/// What one property run did.
public struct RunReport: Sendable {
    public let property: Property
    public let configuration: RunConfiguration
    public let casesRun: Int
    public let passed: Int
    /// Discarded cases with their reasons, in order.
    public let discards: [String]
    public let counterexample: Counterexample?
    public let coverage: Coverage
    public let seconds: Double

    /// Whether the outcome matches the property's expectation.
    public var matchesExpectation: Bool {
        switch property.expectation {
        case .holds: return counterexample == nil
        case .counterexampleExpected: return counterexample != nil
        }
    }
}

/// Runs a property over generated cases: case i is generated from
/// (seed, i) alone, the run stops at the first failure and shrinks it.
public enum PropertyRunner {
    /// - Parameter progress: receives a line about every 5 s of a long run.
    public static func run(_ property: Property, configuration: RunConfiguration, progress: (String) -> Void = { _ in }) -> RunReport {
        let generator = CaseGenerator(settings: property.settings)
        var coverage = Coverage(settings: property.settings)
        let start = Date()
        var lastProgress = start
        var passed = 0
        var discards: [String] = []
        var casesRun = 0
        var counterexample: Counterexample? = nil

        for index in 0..<UInt64(configuration.maxCases) {
            let elapsed = Date().timeIntervalSince(start)
            if elapsed > configuration.timeLimit { break }
            if Date().timeIntervalSince(lastProgress) >= 5 {
                lastProgress = Date()
                progress(String(format: "[%.1f s] %@: %d cases, %d passed, %d discarded", elapsed, property.name, casesRun, passed, discards.count))
            }

            let testCase = generator.generate(seed: configuration.seed, index: index)
            coverage.record(testCase)
            casesRun += 1
            switch property.evaluate(testCase, precision: configuration.precision) {
            case .pass:
                passed += 1
            case let .discard(reason):
                discards.append(reason)
            case let .fail(message):
                progress(String(format: "[%.1f s] %@: case %d fails, shrinking", Date().timeIntervalSince(start), property.name, Int(index)))
                // Limits beyond about 30 years are no limit (and would overflow).
                let deadline = configuration.timeLimit < 1e9
                    ? ContinuousClock.now + .milliseconds(Int(configuration.timeLimit * 1000)) : nil
                let shrunk = withoutActuallyEscaping(progress) { report in
                    Shrinker.shrink(
                        testCase, message: message, property: property,
                        precision: configuration.precision, maxEvaluations: configuration.maxShrinkEvaluations,
                        deadline: deadline,
                        progress: { report(String(format: "[%.1f s] %@: %@", Date().timeIntervalSince(start), property.name, $0)) })
                }
                counterexample = Counterexample(
                    property: property.name, seed: configuration.seed, caseIndex: index,
                    original: testCase, originalMessage: message,
                    minimal: shrunk.minimal, message: shrunk.message,
                    shrinkSteps: shrunk.steps, shrinkEvaluations: shrunk.evaluations,
                    shrinkStoppedAtTimeLimit: shrunk.stoppedAtDeadline)
            }
            if counterexample != nil { break }
        }
        return RunReport(
            property: property, configuration: configuration, casesRun: casesRun, passed: passed,
            discards: discards, counterexample: counterexample, coverage: coverage,
            seconds: Date().timeIntervalSince(start))
    }
}
