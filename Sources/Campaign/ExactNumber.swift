import ArbitraryPrecision

/// An input number given exactly, so an instance means the same thing at
/// every precision and replays bit for bit.
public enum ExactNumber: Sendable, Hashable, CustomStringConvertible {
    /// A decimal string such as "0.25", rounded once to the working precision.
    case decimal(String)
    /// numerator / denominator, rounded once to the working precision.
    case rational(Int, Int)

    public func value<Real: RealNumber>(precision: Int) -> Real {
        switch self {
        case let .decimal(text):
            // Instances are built from validated strings only.
            return try! Real(decimal: text, precision: precision)
        case let .rational(numerator, denominator):
            if denominator == 1 { return Real(numerator, precision: precision) }
            return Real(numerator, precision: precision) / Real(denominator, precision: precision)
        }
    }

    /// Whether `text` is a finite decimal number that MPFR can represent.
    public static func isFiniteDecimal(_ text: String) -> Bool {
        (try? BigFloat(decimal: text, precision: 53)) != nil
    }

    public var description: String {
        switch self {
        case let .decimal(text): return text
        case let .rational(numerator, 1): return "\(numerator)"
        case let .rational(numerator, denominator): return "\(numerator)/\(denominator)"
        }
    }

    /// `value` rounded to `places` decimal places, as an exact decimal.
    public static func rounding(_ value: Double, places: Int) -> ExactNumber {
        let scale = (0..<places).reduce(1.0) { product, _ in product * 10 }
        let scaled = Int((value * scale).rounded())
        let sign = scaled < 0 ? "-" : ""
        let digits = String(abs(scaled))
        let padded = String(repeating: "0", count: Swift.max(0, places + 1 - digits.count)) + digits
        let integerPart = padded.dropLast(places)
        let fractionPart = padded.suffix(places)
        return .decimal(places == 0 ? sign + integerPart : sign + integerPart + "." + fractionPart)
    }
}
