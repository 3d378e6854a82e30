import Campaign

/// The options of one command line, after the command name: `--name value`
/// pairs and bare flags, each given at most once.
struct Arguments {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []

    /// Parses `arguments` against the options a command accepts.
    ///
    /// - Throws: `InputError` for an unknown option, a missing value, a
    ///   repeated option or a stray positional argument.
    init(_ arguments: [String], command: String, options: Set<String>, flags allowedFlags: Set<String> = []) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else {
                throw InputError("unexpected argument '\(argument)' for '\(command)'; see 'otverify \(command) --help'")
            }
            let name = String(argument.dropFirst(2))
            if allowedFlags.contains(name) {
                guard !flags.contains(name) else {
                    throw InputError("option '\(argument)' is given twice; give it once")
                }
                flags.insert(name)
                index += 1
                continue
            }
            guard options.contains(name) else {
                throw InputError("unknown option '\(argument)' for '\(command)'; see 'otverify \(command) --help'")
            }
            guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else {
                throw InputError("option '\(argument)' needs a value; see 'otverify \(command) --help'")
            }
            guard values[name] == nil else {
                throw InputError("option '\(argument)' is given twice; give it once")
            }
            values[name] = arguments[index + 1]
            index += 2
        }
    }

    func required(_ name: String, command: String) throws -> String {
        guard let value = values[name] else {
            throw InputError("missing option '--\(name)' for '\(command)'; see 'otverify \(command) --help'")
        }
        return value
    }
}

/// Validation of option values, with messages that name the value and the
/// accepted range.
enum OptionValues {
    static let defaultPrecision = 256

    static func precision(_ text: String?, option: String = "precision") throws -> Int {
        guard let text else { return defaultPrecision }
        guard let bits = Int(text), bits >= 53, bits <= 65536 else {
            throw InputError("invalid --\(option) '\(text)': expected a whole number of bits from 53 to 65536")
        }
        return bits
    }

    /// A positive exact decimal such as λ or γ.
    static func positiveDecimal(_ text: String, option: String, symbol: String) throws -> ExactNumber {
        let value: BigFloat
        do {
            value = try BigFloat(decimal: text, precision: 64)
        } catch let error as RealNumberParseError where BigFloat.isNumberLike(text) {
            throw InputError("invalid --\(option) '\(text)': \(error.reason); \(symbol) must be a positive decimal number such as 0.1")
        } catch {
            throw InputError("invalid --\(option) '\(text)': \(symbol) must be a positive decimal number such as 0.1")
        }
        guard value > BigFloat(0, precision: 64) else {
            throw InputError("invalid --\(option) '\(text)': \(symbol) must be a positive decimal number such as 0.1")
        }
        return .decimal(text)
    }

    static func positiveInteger(_ text: String, option: String, maximum: Int = 100_000_000) throws -> Int {
        guard let value = Int(text), value >= 1, value <= maximum else {
            throw InputError("invalid --\(option) '\(text)': expected a whole number from 1 to \(maximum)")
        }
        return value
    }

    static func format(_ text: String?, allowed: [String]) throws -> String {
        let format = text ?? allowed[0]
        guard allowed.contains(format) else {
            throw InputError("invalid --format '\(format)': expected one of \(allowed.joined(separator: ", "))")
        }
        return format
    }
}

import ArbitraryPrecision
