import Campaign
import Foundation

/// The error thrown for a case file that is not valid JSON or lacks a field.
public struct CaseFileError: Error, CustomStringConvertible, Equatable {
    public let description: String
}

extension CaseFile {
    /// Parses the JSON written by `json()`.
    ///
    /// - Throws: `CaseFileError` naming the first missing or invalid field.
    public init(parsing text: String) throws {
        guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CaseFileError(description: "invalid case file: expected a JSON object")
        }
        guard root["format"] as? String == Self.format else {
            throw CaseFileError(description: "invalid case file: field 'format' must be '\(Self.format)'")
        }
        let fields = Fields(root, path: "")
        let caseFields = Fields(try fields.object("case"), path: "case.")
        let dualFields = Fields(try caseFields.object("initialDuals"), path: "case.initialDuals.")

        let duals: InitialDuals
        switch try dualFields.string("kind") {
        case "zero":
            duals = .zero
        case "explicit":
            duals = .explicit(u: try dualFields.numbers("u"), v: try dualFields.numbers("v"))
        case "near-minimizer":
            duals = .nearMinimizer(
                distance: try dualFields.number("distance"),
                directionU: try dualFields.numbers("directionU"), directionV: try dualFields.numbers("directionV"))
        case let other:
            throw CaseFileError(description: "invalid case file: unknown initial-dual kind '\(other)'; expected zero, explicit or near-minimizer")
        }

        let message = try fields.string("message")
        let verdict: Verdict
        switch try fields.string("outcome") {
        case "pass": verdict = .pass
        case "fail": verdict = .fail(message)
        case "discard": verdict = .discard(message)
        case let other: throw CaseFileError(description: "invalid case file: unknown outcome '\(other)'; expected pass, fail or discard")
        }

        let testCase = PropertyCase(
            generator: try caseFields.string("generator"),
            source: try caseFields.points("source"), target: try caseFields.points("target"),
            regularization: try caseFields.number("lambda"), stepsize: try caseFields.number("gamma"),
            layers: try caseFields.integer("layers"), initialDuals: duals,
            auxiliarySeed: try caseFields.unsigned("auxiliarySeed"))
        let n = testCase.count
        guard n >= 1, testCase.target.count == n,
              (testCase.source + testCase.target).allSatisfy({ $0.count == testCase.dimension && !$0.isEmpty }) else {
            throw CaseFileError(description: "invalid case file: 'source' and 'target' need the same positive number of points, all of one dimension")
        }
        try Self.validateRanges(testCase, duals: duals)
        let precisionBits = try fields.integer("precisionBits")
        guard (53...65536).contains(precisionBits) else {
            throw CaseFileError(description: "invalid case file: field 'precisionBits' is \(precisionBits); expected 53 to 65536")
        }
        self.init(
            property: try fields.string("property"), precisionBits: precisionBits,
            seed: try fields.unsigned("seed"), caseIndex: try fields.unsigned("caseIndex"),
            verdict: verdict, testCase: testCase)
    }
}

extension CaseFile {
    /// Rejects values that no generator produces and that the properties
    /// cannot evaluate: λ or γ not positive, layers outside 1...1000000,
    /// numbers outside float64's range (the float64 properties convert every
    /// input), and initial duals of the wrong length.
    static func validateRanges(_ testCase: PropertyCase, duals: InitialDuals) throws {
        func positive(_ number: ExactNumber, _ field: String) throws {
            guard let value = try? Double(decimal: number.decimalSpelling, precision: 53), value > 0 else {
                throw CaseFileError(description: "invalid case file: field 'case.\(field)' is \(number); expected a positive number")
            }
        }
        try positive(testCase.regularization, "lambda")
        try positive(testCase.stepsize, "gamma")
        guard (1...1_000_000).contains(testCase.layers) else {
            throw CaseFileError(description: "invalid case file: field 'case.layers' is \(testCase.layers); expected 1 to 1000000")
        }
        for number in (testCase.source + testCase.target).joined() {
            guard (try? Double(decimal: number.decimalSpelling, precision: 53)) != nil else {
                throw CaseFileError(description: "invalid case file: coordinate \(number) is outside float64's range")
            }
        }
        let n = testCase.count
        switch duals {
        case .zero:
            break
        case let .explicit(u, v):
            guard u.count == n && v.count == n else {
                throw CaseFileError(description: "invalid case file: 'case.initialDuals' u and v need n = \(n) entries each")
            }
        case let .nearMinimizer(_, directionU, directionV):
            guard directionU.count == n && directionV.count == n else {
                throw CaseFileError(description: "invalid case file: 'case.initialDuals' directionU and directionV need n = \(n) entries each")
            }
        }
    }
}

extension ExactNumber {
    /// A decimal spelling of the number for range checks: the decimal
    /// itself, or numerator/denominator evaluated in float64.
    var decimalSpelling: String {
        switch self {
        case let .decimal(text): return text
        case let .rational(numerator, denominator): return String(Double(numerator) / Double(denominator))
        }
    }
}

/// Typed access to one JSON object's fields, with errors that name the path.
private struct Fields {
    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String) {
        self.object = object
        self.path = path
    }

    func invalid(_ key: String, _ expected: String) -> CaseFileError {
        CaseFileError(description: "invalid case file: field '\(path)\(key)' is missing or not \(expected)")
    }

    func object(_ key: String) throws -> [String: Any] {
        guard let value = object[key] as? [String: Any] else { throw invalid(key, "an object") }
        return value
    }

    func string(_ key: String) throws -> String {
        guard let value = object[key] as? String else { throw invalid(key, "a string") }
        return value
    }

    func integer(_ key: String) throws -> Int {
        guard let value = object[key] as? Int else { throw invalid(key, "an integer") }
        return value
    }

    func unsigned(_ key: String) throws -> UInt64 {
        guard let text = object[key] as? String, let value = UInt64(text) else { throw invalid(key, "a decimal string of an unsigned 64-bit integer") }
        return value
    }

    func number(_ key: String) throws -> ExactNumber {
        guard let text = object[key] as? String, let value = ExactNumber(exactSpelling: text) else { throw invalid(key, "an exact number such as 0.25 or 1/3") }
        return value
    }

    func numbers(_ key: String) throws -> [ExactNumber] {
        guard let texts = object[key] as? [String] else { throw invalid(key, "an array of exact numbers") }
        let values = texts.compactMap(ExactNumber.init(exactSpelling:))
        guard values.count == texts.count else { throw invalid(key, "an array of exact numbers") }
        return values
    }

    func points(_ key: String) throws -> [[ExactNumber]] {
        guard let rows = object[key] as? [[String]] else { throw invalid(key, "an array of points") }
        let values = rows.map { $0.compactMap(ExactNumber.init(exactSpelling:)) }
        guard zip(values, rows).allSatisfy({ $0.count == $1.count }) else { throw invalid(key, "an array of points") }
        return values
    }
}

extension ExactNumber {
    /// Parses the spelling that `description` prints: `p/q` with integers p
    /// and q > 0, or a finite decimal. Integers parse as `p/1`.
    init?(exactSpelling text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let numerator = Int(parts[0]), let denominator = Int(parts[1]), denominator > 0 else { return nil }
            self = .rational(numerator, denominator)
        } else if let integer = Int(text) {
            self = .rational(integer, 1)
        } else if ExactNumber.isFiniteDecimal(text) {
            self = .decimal(text)
        } else {
            return nil
        }
    }
}
