import CMPFR

/// The rounding direction of one MPFR operation.
public enum RoundingDirection: Sendable {
    /// Round to nearest, ties to even (MPFR_RNDN). The default everywhere.
    case toNearest
    /// Round toward +∞ (MPFR_RNDU): the result is an upper bound of the exact value.
    case up
    /// Round toward −∞ (MPFR_RNDD): the result is a lower bound of the exact value.
    case down

    @usableFromInline var mpfr: mpfr_rnd_t {
        switch self {
        case .toNearest: return MPFR_RNDN
        case .up: return MPFR_RNDU
        case .down: return MPFR_RNDD
        }
    }
}

/// An MPFR floating-point number with value semantics and an explicit
/// precision in bits.
///
/// Each value owns one `mpfr_t`. Copies share it until one of them is mutated
/// (copy-on-write), so the in-place operations of `RealNumber` reuse storage
/// in hot loops. Results of the operators are computed at the larger operand
/// precision and rounded to nearest; the `rounding:` variants of `sum`,
/// `difference`, `product`, `quotient` and `exp` round in a chosen direction
/// for guaranteed bounds. MPFR's default exponent range (about ±2^30 binary
/// orders of magnitude) applies, so `exp(-200)` and `exp(1000)` are ordinary
/// numbers here.
public struct BigFloat: @unchecked Sendable {
    /// The smallest and largest precision that the project accepts from users.
    public static let minimumPrecision = 53
    public static let maximumPrecision = 65536

    @usableFromInline final class Storage {
        @usableFromInline let pointer: UnsafeMutablePointer<__mpfr_struct>

        @usableFromInline init(precision: Int) {
            pointer = .allocate(capacity: 1)
            mpfr_init2(pointer, mpfr_prec_t(precision))
        }

        deinit {
            mpfr_clear(pointer)
            pointer.deallocate()
        }
    }

    @usableFromInline var storage: Storage

    @inlinable var pointer: UnsafeMutablePointer<__mpfr_struct> { storage.pointer }

    /// Creates a zero with `precision` bits. `precision` must lie in
    /// MPFR's range, 1 to about 2^63.
    @inlinable public init(precision: Int) {
        precondition(precision >= 1, "MPFR precision must be at least 1 bit, got \(precision)")
        storage = Storage(precision: precision)
        mpfr_set_zero(storage.pointer, 1)
    }

    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            let copy = Storage(precision: precisionBits)
            mpfr_set(copy.pointer, storage.pointer, MPFR_RNDN)
            storage = copy
        }
    }

    /// Returns `self` rounded to `precision` bits in the given direction.
    public func rounded(toPrecision precision: Int, rounding: RoundingDirection = .toNearest) -> BigFloat {
        let result = BigFloat(precision: precision)
        mpfr_set(result.pointer, pointer, rounding.mpfr)
        return result
    }

    @inlinable static func apply(
        _ a: BigFloat, _ b: BigFloat, _ rounding: RoundingDirection,
        _ operation: (mpfr_ptr?, mpfr_srcptr?, mpfr_srcptr?, mpfr_rnd_t) -> Int32
    ) -> BigFloat {
        let result = BigFloat(precision: Swift.max(a.precisionBits, b.precisionBits))
        _ = operation(result.pointer, a.pointer, b.pointer, rounding.mpfr)
        return result
    }

    @inlinable static func apply(
        _ a: BigFloat, _ rounding: RoundingDirection,
        _ operation: (mpfr_ptr?, mpfr_srcptr?, mpfr_rnd_t) -> Int32
    ) -> BigFloat {
        let result = BigFloat(precision: a.precisionBits)
        _ = operation(result.pointer, a.pointer, rounding.mpfr)
        return result
    }

    // MARK: Directed rounding

    public static func sum(_ a: BigFloat, _ b: BigFloat, rounding: RoundingDirection) -> BigFloat {
        apply(a, b, rounding, mpfr_add)
    }

    public static func difference(_ a: BigFloat, _ b: BigFloat, rounding: RoundingDirection) -> BigFloat {
        apply(a, b, rounding, mpfr_sub)
    }

    public static func product(_ a: BigFloat, _ b: BigFloat, rounding: RoundingDirection) -> BigFloat {
        apply(a, b, rounding, mpfr_mul)
    }

    public static func quotient(_ a: BigFloat, _ b: BigFloat, rounding: RoundingDirection) -> BigFloat {
        apply(a, b, rounding, mpfr_div)
    }

    public static func exp(_ x: BigFloat, rounding: RoundingDirection) -> BigFloat {
        apply(x, rounding, mpfr_exp)
    }

    public static func log(_ x: BigFloat, rounding: RoundingDirection) -> BigFloat {
        apply(x, rounding, mpfr_log)
    }

    // MARK: Constants

    /// π rounded to nearest at `precision` bits.
    public static func pi(precision: Int) -> BigFloat {
        let result = BigFloat(precision: precision)
        mpfr_const_pi(result.pointer, MPFR_RNDN)
        return result
    }

    /// ln 2 rounded to nearest at `precision` bits.
    public static func ln2(precision: Int) -> BigFloat {
        let result = BigFloat(precision: precision)
        mpfr_const_log2(result.pointer, MPFR_RNDN)
        return result
    }

    /// Whether `text` has the syntax that `init(decimal:precision:)` accepts:
    /// an optional sign, digits with an optional fraction, an optional exponent.
    public static func isDecimalLiteral(_ text: String) -> Bool {
        (try? DecimalSyntax.validate(text)) != nil
    }

    /// The exponent `e` of the binary representation `0.1xxx × 2^e`, which
    /// locates the value's unit in the last place. Zero for zero.
    public var binaryExponent: Int {
        isZero || !isFinite ? 0 : Int(mpfr_get_exp(pointer))
    }
}

extension BigFloat: RealNumber {
    public init(_ value: Int, precision: Int) {
        self.init(precision: precision)
        mpfr_set_si(pointer, value, MPFR_RNDN)
    }

    public init(_ value: Double, precision: Int) {
        self.init(precision: precision)
        mpfr_set_d(pointer, value, MPFR_RNDN)
    }

    public init(decimal: String, precision: Int) throws {
        try DecimalSyntax.validate(decimal)
        self.init(precision: precision)
        let status = mpfr_set_str(pointer, decimal, 10, MPFR_RNDN)
        guard status == 0, mpfr_number_p(pointer) != 0 else {
            throw RealNumberParseError(text: decimal, reason: "too large: beyond MPFR's exponent range (about 1e±323000000)")
        }
        // A nonzero significand that rounds to 0 lies below the exponent range.
        let significand = decimal.prefix { $0 != "e" && $0 != "E" }
        if mpfr_zero_p(pointer) != 0 && significand.contains(where: { ("1"..."9").contains($0) }) {
            throw RealNumberParseError(text: decimal, reason: "too small: below MPFR's exponent range (about 1e±323000000)")
        }
    }

    @inlinable public var precisionBits: Int { Int(mpfr_get_prec(pointer)) }
    @inlinable public var isFinite: Bool { mpfr_number_p(pointer) != 0 }
    public var isNaN: Bool { mpfr_nan_p(pointer) != 0 }
    @inlinable public var isZero: Bool { mpfr_zero_p(pointer) != 0 }
    public var doubleValue: Double { mpfr_get_d(pointer, MPFR_RNDN) }

    public func formatted(significantDigits digits: Int) -> String {
        precondition(digits >= 1, "at least one significant digit is required")
        return DecimalFormatting.scientific(self, digits: digits)
    }

    public func roundTripDecimal() -> String {
        DecimalFormatting.scientific(self, digits: 0)
    }

    public static func + (lhs: BigFloat, rhs: BigFloat) -> BigFloat { apply(lhs, rhs, .toNearest, mpfr_add) }
    public static func - (lhs: BigFloat, rhs: BigFloat) -> BigFloat { apply(lhs, rhs, .toNearest, mpfr_sub) }
    public static func * (lhs: BigFloat, rhs: BigFloat) -> BigFloat { apply(lhs, rhs, .toNearest, mpfr_mul) }
    public static func / (lhs: BigFloat, rhs: BigFloat) -> BigFloat { apply(lhs, rhs, .toNearest, mpfr_div) }
    public static prefix func - (operand: BigFloat) -> BigFloat { apply(operand, .toNearest, mpfr_neg) }

    public static func exp(_ x: BigFloat) -> BigFloat {
        var result = x
        result.formExp()
        return result
    }
    public static func log(_ x: BigFloat) -> BigFloat { apply(x, .toNearest, mpfr_log) }
    public static func log1p(_ x: BigFloat) -> BigFloat { apply(x, .toNearest, mpfr_log1p) }
    public static func expm1(_ x: BigFloat) -> BigFloat { apply(x, .toNearest, mpfr_expm1) }
    public static func sqrt(_ x: BigFloat) -> BigFloat { apply(x, .toNearest, mpfr_sqrt) }
    public static func tanh(_ x: BigFloat) -> BigFloat { apply(x, .toNearest, mpfr_tanh) }
    public static func pow(_ x: BigFloat, _ y: BigFloat) -> BigFloat { apply(x, y, .toNearest, mpfr_pow) }

    public var magnitude: BigFloat { BigFloat.apply(self, .toNearest, mpfr_abs) }

    @inlinable public mutating func addProduct(_ a: BigFloat, _ b: BigFloat) {
        makeUnique()
        mpfr_fma(pointer, a.pointer, b.pointer, pointer, MPFR_RNDN)
    }

    @inlinable public mutating func add(_ other: BigFloat) {
        makeUnique()
        mpfr_add(pointer, pointer, other.pointer, MPFR_RNDN)
    }

    @inlinable public mutating func assign(_ other: BigFloat) {
        makeUnique()
        mpfr_set(pointer, other.pointer, MPFR_RNDN)
    }

    /// Replaces `self` by `exp(self)` in place, correctly rounded to nearest:
    /// by `TableExponential` up to 1024 bits, which returns `mpfr_exp`'s
    /// value bit for bit, and by `mpfr_exp` where that cannot decide.
    public mutating func formExp() {
        makeUnique()
        if let table = TableExponential.forPrecision(precisionBits), table.exp(pointer, into: pointer) { return }
        mpfr_exp(pointer, pointer, MPFR_RNDN)
    }

    @inlinable public mutating func subtract(_ other: BigFloat) {
        makeUnique()
        mpfr_sub(pointer, pointer, other.pointer, MPFR_RNDN)
    }

    @inlinable public mutating func divide(by divisor: BigFloat) {
        makeUnique()
        mpfr_div(pointer, pointer, divisor.pointer, MPFR_RNDN)
    }

    @inlinable public mutating func assignProduct(_ a: BigFloat, _ b: BigFloat) {
        makeUnique()
        mpfr_mul(pointer, a.pointer, b.pointer, MPFR_RNDN)
    }

    @inlinable public mutating func assignQuotient(_ a: BigFloat, _ b: BigFloat) {
        makeUnique()
        mpfr_div(pointer, a.pointer, b.pointer, MPFR_RNDN)
    }

    @inlinable public mutating func assignZero() {
        makeUnique()
        mpfr_set_zero(pointer, 1)
    }

    public static func == (lhs: BigFloat, rhs: BigFloat) -> Bool { mpfr_equal_p(lhs.pointer, rhs.pointer) != 0 }
    @inlinable public static func < (lhs: BigFloat, rhs: BigFloat) -> Bool { mpfr_less_p(lhs.pointer, rhs.pointer) != 0 }
}
