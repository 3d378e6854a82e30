import Foundation

/// `Double` as a `RealNumber` at its fixed 53-bit precision, so that every
/// algorithm can be run in float64 and compared with MPFR on the same input.
extension Double: RealNumber {
    public init(_ value: Int, precision: Int) { self.init(value) }

    public init(_ value: Double, precision: Int) { self = value }

    public init(decimal: String, precision: Int) throws {
        try DecimalSyntax.validate(decimal)
        guard let parsed = Double(decimal), parsed.isFinite else {
            throw RealNumberParseError(text: decimal, reason: "outside the range of a float64")
        }
        self = parsed
    }

    public var precisionBits: Int { 53 }
    public var doubleValue: Double { self }

    public func formatted(significantDigits digits: Int) -> String {
        precondition(digits >= 1, "at least one significant digit is required")
        return String(format: "%.\(digits - 1)e", self)
    }

    public func roundTripDecimal() -> String { "\(self)" }

    public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    public static func log(_ x: Double) -> Double { Foundation.log(x) }
    public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    public static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }
    public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
    public static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
    public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }

    // `addProduct(_:_:)` is the standard library's fused multiply-add.
    @inlinable public mutating func add(_ other: Double) { self += other }
    @inlinable public mutating func assign(_ other: Double) { self = other }
    @inlinable public mutating func formExp() { self = Foundation.exp(self) }
    @inlinable public mutating func subtract(_ other: Double) { self -= other }
    @inlinable public mutating func divide(by divisor: Double) { self /= divisor }
    @inlinable public mutating func assignProduct(_ a: Double, _ b: Double) { self = a * b }
    @inlinable public mutating func assignQuotient(_ a: Double, _ b: Double) { self = a / b }
    @inlinable public mutating func assignZero() { self = 0 }
}
