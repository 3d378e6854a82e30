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
        self.init(
            property: try fields.string("property"), precisionBits: try fields.integer("precisionBits"),
            seed: try fields.unsigned("seed"), caseIndex: try fields.unsigned("caseIndex"),
            verdict: verdict, testCase: testCase)
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
