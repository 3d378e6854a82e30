import CMPFR
import Synchronization

/// exp(x) rounded to nearest at precision p, bit for bit what `mpfr_exp`
/// returns, computed from tables and a short Taylor series in fixed point.
///
/// Method, for x with |x| < 2^40 and 53 ≤ p ≤ `maximumPrecision`:
///
/// 1. k = ⌊x / ln 2⌋ and r = x − k ln 2 ∈ [0, ln 2), with x and ln 2 in fixed
///    point with G = F + 128 fraction bits, F = 64(W − 1), W = ⌈(p + 32)/64⌉ + 1.
/// 2. The top 32 fraction bits of r pick table entries exp(j_l · 2^(−8l)),
///    l = 1…4, j_l < 256, each rounded to nearest at F fraction bits; the rest
///    r″ < 2^−32 goes into Σ_{k ≤ N} r″^k / k! by Horner's rule, with N the
///    least number for which the remainder is below 2^−F.
/// 3. Y = exp(r″) · Π_l exp(j_l 2^(−8l)) ∈ [1, 2), every product truncated to
///    F fraction bits.
///
/// Error, in units of 2^−F in Y: the reduction contributes below 2.1, the
/// series 3.1, the four table entries 0.5 each and the four truncated
/// products 1 each. The table products that follow the series, an entry or a
/// truncation multiply its error by at most 2, so the total is below 20.3
/// and the test below assumes 64. Y is correctly rounded to p bits when no value within 64 units of Y is
/// a midpoint between two p-bit numbers, which the bits of Y between the
/// p-th and the 7th show (Ziv's rounding test). The measured error stays
/// below 13 units on millions of adversarial arguments. Then `mpfr_set_z_2exp`
/// rounds Y · 2^(k − F) once, to the value `mpfr_exp` returns. Otherwise, and
/// for NaN, infinities, zero, |x| ≥ 2^40, results near MPFR's exponent
/// limits and precisions outside the range, the caller uses `mpfr_exp`.
/// The test fails for about one argument in 2^(F − p − 6): 2^−26 where
/// p ≡ 32 (mod 64), 2^−58 at 256 bits.
///
/// Cost at 256 bits: W = 6 limbs, N = 9, so 13 fixed-point products of at most
/// 6 × 6 limbs, against the binary splitting inside `mpfr_exp`.
final class TableExponential: @unchecked Sendable {
    /// Above this precision `mpfr_exp` is used: the series grows with p and
    /// stops paying off.
    static let maximumPrecision = 1024

    let precision: Int
    /// W: fixed-point values have W limbs, least significant first, with F =
    /// 64(W − 1) fraction bits and one integer limb.
    let limbs: Int
    let fractionBits: Int
    /// N: the series is summed up to r″^N / N!.
    let terms: Int
    /// exp(j · 2^(−8l)) for level l = 1…4 and j < 256, entry (l − 1)·256 + j,
    /// W limbs each, rounded to nearest.
    let tables: [UInt]
    /// ⌊2^F / k!⌋ for k = 0…N, W limbs each.
    let coefficients: [UInt]
    /// ln 2 rounded to nearest with G = F + 128 fraction bits, W + 2 limbs.
    let ln2: [UInt]

    init(precision: Int) {
        self.precision = precision
        let w = (precision + 32 + 63) / 64 + 1
        limbs = w
        fractionBits = 64 * (w - 1)
        let f = fractionBits

        // Least N with 32(N + 1) + Σ_{k ≤ N+1} ⌊log2 k⌋ ≥ F + 1; the sum is at
        // most log2((N + 1)!), so the remainder r″^(N+1)/(N+1)! stays below 2^−F.
        var n = 0
        var logFactorial = 0
        while true {
            logFactorial += (n + 1).bitWidth - (n + 1).leadingZeroBitCount - 1
            if 32 * (n + 1) + logFactorial >= f + 1 { break }
            n += 1
        }
        terms = n

        let work = BigFloat(precision: f + 64)
        var integer = __mpz_struct()
        __gmpz_init(&integer)
        defer { __gmpz_clear(&integer) }

        // Writes round(value · 2^shift) (or its floor) into `count` limbs.
        func fixedPoint(_ value: UnsafeMutablePointer<__mpfr_struct>, shift: Int, count: Int, rounding: mpfr_rnd_t) -> [UInt] {
            mpfr_mul_2si(value, value, shift, MPFR_RNDN)
            mpfr_get_z(&integer, value, rounding)
            var result = [UInt](repeating: 0, count: count)
            let size = Int(integer._mp_size)
            precondition(size >= 0 && size <= count, "a fixed-point constant needs more than \(count) limbs")
            for index in 0..<size { result[index] = UInt(integer._mp_d[index]) }
            return result
        }

        var table: [UInt] = []
        for level in 1...4 {
            for j in 0..<256 {
                mpfr_set_si_2exp(work.pointer, j, -8 * level, MPFR_RNDN)
                mpfr_exp(work.pointer, work.pointer, MPFR_RNDN)
                table += fixedPoint(work.pointer, shift: f, count: w, rounding: MPFR_RNDN)
            }
        }
        tables = table

        var series: [UInt] = []
        mpfr_set_si(work.pointer, 1, MPFR_RNDN)
        let exact = BigFloat(precision: f + 64)
        for k in 0...n {
            if k > 0 { mpfr_div_ui(work.pointer, work.pointer, UInt(k), MPFR_RNDZ) }
            mpfr_set(exact.pointer, work.pointer, MPFR_RNDN)
            series += fixedPoint(exact.pointer, shift: f, count: w, rounding: MPFR_RNDD)
        }
        coefficients = series

        let logarithm = BigFloat(precision: f + 192)
        mpfr_const_log2(logarithm.pointer, MPFR_RNDN)
        ln2 = fixedPoint(logarithm.pointer, shift: f + 128, count: w + 2, rounding: MPFR_RNDN)
        withExtendedLifetime((work, exact, logarithm)) {}
    }

    private static let cache = Mutex<[Int: TableExponential]>([:])

    /// Returns the tables for `precision` bits, built on first use (a few milliseconds
    /// at 256 bits); `nil` outside 53…`maximumPrecision`.
    static func forPrecision(_ precision: Int) -> TableExponential? {
        guard precision >= 53, precision <= maximumPrecision else { return nil }
        if let table = cache.withLock({ $0[precision] }) { return table }
        let table = TableExponential(precision: precision)
        return cache.withLock { entries in
            if let existing = entries[precision] { return existing }
            entries[precision] = table
            return table
        }
    }

    /// Sets `result` to exp(`x`) rounded to nearest, both at `precision`
    /// bits, and returns `true`. Returns `false` and leaves `result` unchanged
    /// where the method above does not apply or cannot decide the rounding.
    /// `probe`, for tests, receives the W limbs of Y and k before the rounding test.
    func exp(
        _ x: UnsafePointer<__mpfr_struct>, into result: UnsafeMutablePointer<__mpfr_struct>,
        probe: ((UnsafePointer<UInt>, Int) -> Void)? = nil
    ) -> Bool {
        guard mpfr_get_prec(x) == precision, mpfr_get_prec(result) == precision,
              mpfr_number_p(x) != 0, mpfr_zero_p(x) == 0 else { return false }
        let approximate = mpfr_get_d(x, MPFR_RNDN)
        guard abs(approximate) < 0x1p40 else { return false }
        var k = Int((approximate / 0.693_147_180_559_945_3).rounded(.down))

        let w = limbs
        let f = fractionBits
        let wide = w + 2
        return withUnsafeTemporaryAllocation(of: UInt.self, capacity: 8 * wide) { buffer -> Bool in
            let base = buffer.baseAddress!
            let magnitude = base              // |x| · 2^G, W + 2 limbs
            let positive = base + wide        // the terms of r with a plus sign
            let negative = base + 2 * wide    // the terms with a minus sign
            let value = base + 3 * wide       // running fixed-point value, W limbs
            let product = base + 4 * wide     // 2W limbs
            let reduced = base + 6 * wide     // r″, W − 1 limbs
            buffer.initialize(repeating: 0)

            // |x| · 2^G, truncated: the significand is M · 2^(e − 64L).
            let significandLimbs = (precision + 63) / 64
            let shift = Int(x.pointee._mpfr_exp) - 64 * significandLimbs + f + 128
            Self.placeShifted(x.pointee._mpfr_d!, count: significandLimbs, shift: shift, into: magnitude, width: wide)
            let xIsNegative = mpfr_sgn(x) < 0

            // r = x − k ln 2 as `positive − negative`, with k corrected until r ∈ [0, ln 2).
            var attempts = 0
            while true {
                attempts += 1
                guard attempts <= 4 else { return false }
                for index in 0..<(2 * wide) { positive[index] = 0 }
                let scaled = xIsNegative ? negative : positive
                for index in 0..<wide { scaled[index] = magnitude[index] }
                let multiple = k < 0 ? positive : negative
                let carry = ln2.withUnsafeBufferPointer { __gmpn_addmul_1(multiple, $0.baseAddress!, wide, UInt(k.magnitude)) }
                guard carry == 0 else { return false }
                if __gmpn_cmp(positive, negative, wide) < 0 {
                    k -= 1
                    continue
                }
                _ = __gmpn_sub_n(positive, positive, negative, wide)
                let tooLarge = ln2.withUnsafeBufferPointer { __gmpn_cmp(positive, $0.baseAddress!, wide) >= 0 }
                if tooLarge {
                    k += 1
                    continue
                }
                break
            }

            // r · 2^F, truncated, is `positive` without its two lowest limbs; its
            // integer limb is 0. Split off the table indices from its top fraction limb.
            let fraction = positive + 2
            let top = fraction[w - 2]
            for index in 0..<(w - 1) { reduced[index] = fraction[index] }
            reduced[w - 2] = top & 0xFFFF_FFFF

            // Horner: value ← value · r″ / 2^F + 1/k!, from k = N down to 0.
            coefficients.withUnsafeBufferPointer { c in
                for index in 0..<w { value[index] = c[terms * w + index] }
                var order = terms - 1
                while order >= 0 {
                    __gmpn_mul(product, value, w, reduced, w - 1)
                    _ = __gmpn_add_n(value, product + (w - 1), c.baseAddress! + order * w, w)
                    order -= 1
                }
            }

            // Y = value · Π exp(j_l 2^(−8l)), truncating each product to F fraction bits.
            tables.withUnsafeBufferPointer { t in
                for level in (0..<4).reversed() {
                    let index = Int((top >> UInt(56 - 8 * level)) & 255)
                    __gmpn_mul_n(product, value, t.baseAddress! + (level * 256 + index) * w, w)
                    for index in 0..<w { value[index] = product[w - 1 + index] }
                }
            }

            probe?(value, k)

            // Y must lie in [1, 2) for the bit positions below.
            guard value[w - 1] == 1 else { return false }
            guard Self.roundingIsDecided(value, fractionBits: f, precision: precision) else { return false }
            let exponent = k + 1
            guard exponent > Int(mpfr_get_emin()) + 1, exponent < Int(mpfr_get_emax()) - 1 else { return false }

            var integer = __mpz_struct()
            let view = __gmpz_roinit_n(&integer, value, w)
            mpfr_set_z_2exp(result, view, mpfr_exp_t(k - f), MPFR_RNDN)
            return true
        }
    }

    /// Writes `significand · 2^shift`, truncated, into `width` zeroed limbs.
    /// The caller guarantees that the result fits.
    static func placeShifted(_ significand: UnsafePointer<UInt>, count: Int, shift: Int, into target: UnsafeMutablePointer<UInt>, width: Int) {
        let bitShift = shift & 63
        let wordShift = shift >> 6  // rounds toward −∞, so bitShift ∈ 0…63
        for index in 0..<count {
            let destination = index + wordShift
            let limb = significand[index]
            if destination >= 0 && destination < width { target[destination] |= limb << bitShift }
            if bitShift != 0 && destination + 1 >= 0 && destination + 1 < width {
                target[destination + 1] |= limb >> (64 - bitShift)
            }
        }
    }

    /// Returns whether every number within 64 units of 2^−F of
    /// Y = `value` · 2^−F, Y ∈ [1, 2), rounds to the same p-bit number. The
    /// bit below the p-th (the half-ulp bit, at position F − p) must then not
    /// be followed, down to bit 7, by all zeros when it is 1 or by all ones
    /// when it is 0.
    static func roundingIsDecided(_ value: UnsafePointer<UInt>, fractionBits f: Int, precision p: Int) -> Bool {
        let halfPosition = f - p
        let halfBit = (value[halfPosition >> 6] >> UInt(halfPosition & 63)) & 1
        var position = 7
        while position < halfPosition {
            let bit = (value[position >> 6] >> UInt(position & 63)) & 1
            if bit == halfBit { return true }
            position += 1
        }
        return false
    }
}
