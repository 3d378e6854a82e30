/// A binary floating-point real number whose precision is known, so that the
/// same algorithm runs in `Double` (53 bits) and in MPFR (any precision).
///
/// Every operation rounds its exact result once, to nearest with ties to even,
/// at the precision of the result. Binary operations on two values of
/// different precision produce a result at the larger of the two precisions.
/// `BigFloat` also offers directed rounding; `Double` offers only the
/// hardware's round-to-nearest.
public protocol RealNumber: Comparable, Sendable, CustomStringConvertible {
    /// Creates the value of `value` rounded to `precision` bits.
    /// `Double` ignores `precision` because its precision is fixed at 53 bits.
    init(_ value: Int, precision: Int)

    /// Creates the value of `value` rounded to `precision` bits. The conversion
    /// is exact whenever `precision` is at least 53.
    init(_ value: Double, precision: Int)

    /// Parses a decimal string such as `"-0.1"` or `"2.5e-3"` and rounds the
    /// exact decimal value once to `precision` bits.
    ///
    /// - Throws: `RealNumberParseError` when the string is not a finite decimal
    ///   number (NaN and infinities are rejected).
    init(decimal: String, precision: Int) throws

    /// The number of bits in the significand: 53 for `Double`.
    var precisionBits: Int { get }

    var isFinite: Bool { get }
    var isNaN: Bool { get }
    var isZero: Bool { get }

    /// The nearest `Double`.
    var doubleValue: Double { get }

    /// Formats the value in scientific notation with `digits` significant
    /// decimal digits, rounded to nearest, for example `1.2500e-03`.
    func formatted(significantDigits digits: Int) -> String

    /// Formats the value with the fewest decimal digits that parse back to
    /// the same value at the same precision.
    func roundTripDecimal() -> String

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self

    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func sqrt(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
    static func tanh(_ x: Self) -> Self

    /// The absolute value.
    var magnitude: Self { get }

    /// Replaces `self` by `self + a * b`, rounded once where the type has a
    /// fused multiply-add (MPFR's `mpfr_fma`, the hardware `fma` for `Double`).
    /// In-place so that hot loops reuse storage instead of allocating.
    mutating func addProduct(_ a: Self, _ b: Self)

    /// Replaces `self` by `self + other` in place.
    mutating func add(_ other: Self)

    /// Replaces `self` by `other`, rounded to the precision of `self`, in place.
    mutating func assign(_ other: Self)

    /// Replaces `self` by `exp(self)` in place.
    mutating func formExp()

    /// Replaces `self` by `self − other`, rounded once to the precision of `self`.
    mutating func subtract(_ other: Self)

    /// Replaces `self` by `self / divisor`, rounded once to the precision of `self`.
    mutating func divide(by divisor: Self)

    /// Replaces `self` by `a · b`, rounded once to the precision of `self`.
    mutating func assignProduct(_ a: Self, _ b: Self)

    /// Replaces `self` by `a / b`, rounded once to the precision of `self`.
    mutating func assignQuotient(_ a: Self, _ b: Self)

    /// Replaces `self` by exact zero, keeping its storage and precision.
    mutating func assignZero()
}

/// The error thrown when a string is not a finite decimal number.
public struct RealNumberParseError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid number '\(text)': \(reason)" }
}

extension RealNumber {
    public static func zero(precision: Int) -> Self { Self(0, precision: precision) }
    public static func one(precision: Int) -> Self { Self(1, precision: precision) }

    /// The larger of two values. NaN propagates from either side.
    public static func maximum(_ a: Self, _ b: Self) -> Self {
        if a.isNaN { return a }
        if b.isNaN { return b }
        return a < b ? b : a
    }

    /// The smaller of two values. NaN propagates from either side.
    public static func minimum(_ a: Self, _ b: Self) -> Self {
        if a.isNaN { return a }
        if b.isNaN { return b }
        return b < a ? b : a
    }

    public static func += (lhs: inout Self, rhs: Self) { lhs.add(rhs) }
    public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
    public static func /= (lhs: inout Self, rhs: Self) { lhs = lhs / rhs }

    public var description: String { formatted(significantDigits: 17) }
}

extension BigFloat {
    /// Returns whether `text` is written like a decimal number, with any
    /// number of exponent digits. Input readers use it to tell a number that
    /// fails to parse (which deserves its own error) from a column name.
    public static func isNumberLike(_ text: String) -> Bool {
        (try? DecimalSyntax.validate(text, exponentDigitLimit: Int.max)) != nil
    }
}

/// The grammar that `init(decimal:precision:)` accepts in both conforming
/// types: an optional sign, digits with an optional fraction, and an optional
/// decimal exponent. Rejecting everything else up front keeps MPFR's wider
/// syntax (hexadecimal, `@nan@`, `inf`) out of user input.
enum DecimalSyntax {
    static func validate(_ text: String, exponentDigitLimit: Int = 9) throws {
        var scalars = Substring(text).unicodeScalars[...]
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        let integerDigits = scalars.prefix(while: isDigit).count
        scalars = scalars.dropFirst(integerDigits)
        var fractionDigits = 0
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            fractionDigits = scalars.prefix(while: isDigit).count
            scalars = scalars.dropFirst(fractionDigits)
        }
        guard integerDigits + fractionDigits > 0 else {
            throw RealNumberParseError(text: text, reason: "expected a decimal number such as 0.25 or -1.5e-3")
        }
        if let marker = scalars.first, marker == "e" || marker == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
            let exponentDigits = scalars.prefix(while: isDigit).count
            guard exponentDigits > 0, exponentDigits <= exponentDigitLimit else {
                throw RealNumberParseError(text: text, reason: "the exponent must have 1 to 9 digits")
            }
            scalars = scalars.dropFirst(exponentDigits)
        }
        guard scalars.isEmpty else {
            throw RealNumberParseError(text: text, reason: "expected a finite decimal number such as 0.25 or -1.5e-3")
        }
    }
}
