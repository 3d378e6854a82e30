import Foundation
import PropertyTesting

/// The property-test budget: a fixed seed and 12 cases per property by
/// default, raised or changed with OTVERIFY_PROPERTY_CASES and
/// OTVERIFY_PROPERTY_SEED. No time limit applies unless
/// OTVERIFY_PROPERTY_SECONDS sets one, so the cases run do not depend on the
/// machine's speed.
enum TestBudget {
    static let defaultSeed: UInt64 = 20_241_029
    /// MPFR precision of the property tests: enough for 2^(−p/2) tolerances
    /// of about 1e-14, small enough for a debug build.
    static let precision = 96

    static var seed: UInt64 { environment("OTVERIFY_PROPERTY_SEED").flatMap(UInt64.init) ?? defaultSeed }
    static var cases: Int { environment("OTVERIFY_PROPERTY_CASES").flatMap(Int.init) ?? 12 }
    static var seconds: Double { environment("OTVERIFY_PROPERTY_SECONDS").flatMap(Double.init) ?? .infinity }

    static var configuration: RunConfiguration {
        RunConfiguration(seed: seed, maxCases: cases, timeLimit: seconds, precision: precision, maxShrinkEvaluations: 300)
    }

    private static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name]
    }

    /// The repository's root folder, found from this file's path.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
