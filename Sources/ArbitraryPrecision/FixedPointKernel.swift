import CMPFR

/// Row and column sums of a positive n × n matrix K against two nonnegative
/// vectors a and b,
///
///     r_i = Σ_j K_ij b_j,    c_j = Σ_i K_ij a_i,
///
/// accumulated in fixed point on 64-bit limbs and rounded once to nearest.
///
/// Each sum is aligned to its largest term: with E the largest exponent of
/// the products in a sum, every product of two p-bit significands is
/// shifted right to the accumulator's least significant bit at
/// 2^(E − 64(L + 1)), L = ⌈p/64⌉, and added. A term loses less than one unit
/// of that bit to the shift, and at 256 bits (L = 4) up to 3 more to the
/// partial products `multiplyHigh4` leaves out; the sum is at least its
/// largest term, which is at least 2^(E − 2). The accumulator X therefore
/// lies below the exact sum S by at most 4n units, a relative
/// `n · 2^(4 − p − 64)` at most. Rounding X gives the correctly rounded S
/// unless a rounding midpoint lies in [X, X + 4n units]; the bits of X show
/// when it might (`roundingIsDecided`), and then `exactDot` recomputes that
/// sum with exact products and `mpfr_sum`. Every stored sum is thus
/// correctly rounded to nearest.
///
/// The matrix is the layer-invariant part of a computation that repeats, so
/// its significands and exponents are copied out of MPFR once, at `init`.
/// A term costs one L × L limb product and one shifted addition. At 256
/// bits that is about a fifth of the time of an `mpfr_mul` and an `mpfr_add`.
public struct FixedPointKernel: @unchecked Sendable {
    public let count: Int
    public let precisionBits: Int
    /// L = ⌈p/64⌉, the limbs of one MPFR significand at precision p.
    let limbCount: Int
    /// Entry (i, j) of K at `(i·n + j)·L`, least significant limb first, as
    /// MPFR stores it: value = significand · 2^(exponent − 64L).
    let kernelLimbs: [UInt]
    let kernelExponents: [Int]
    /// K itself, for the exact sums of `exactDot` near a rounding tie.
    let kernelValues: [BigFloat]

    /// Copies `kernel`, row-major n × n. Returns `nil` unless every entry
    /// is positive and finite and has `precision` bits.
    public init?(kernel: [BigFloat], count n: Int, precision: Int) {
        precondition(kernel.count == n * n, "the kernel needs n² = \(n * n) entries, got \(kernel.count)")
        let limbs = (precision + 63) / 64
        var significands = [UInt](repeating: 0, count: n * n * limbs)
        var exponents = [Int](repeating: 0, count: n * n)
        let copied = significands.withUnsafeMutableBufferPointer { buffer in
            Self.extract(kernel, limbs: limbs, precision: precision, allowZero: false, into: buffer.baseAddress!, exponents: &exponents)
        }
        guard copied else { return nil }
        count = n
        precisionBits = precision
        limbCount = limbs
        kernelLimbs = significands
        kernelExponents = exponents
        kernelValues = kernel
    }

    /// Marks an entry equal to zero in an exponent buffer.
    static let zeroExponent = Int.min

    /// Copies significands and exponents of `values` into `limbs` and
    /// `exponents`. Returns `false` if a value is negative, NaN or infinite,
    /// has another precision or an exponent of magnitude 2^60 or more, or is
    /// zero while `allowZero` is false.
    static func extract(
        _ values: [BigFloat], limbs: Int, precision: Int, allowZero: Bool,
        into target: UnsafeMutablePointer<UInt>, exponents: inout [Int]
    ) -> Bool {
        for (index, value) in values.enumerated() {
            let x = value.pointer
            guard mpfr_get_prec(x) == precision, mpfr_number_p(x) != 0, mpfr_sgn(x) >= 0 else { return false }
            if mpfr_zero_p(x) != 0 {
                guard allowZero else { return false }
                exponents[index] = zeroExponent
                continue
            }
            // Sums of two exponents and shifts must not wrap; MPFR's default
            // range (about ±2^30) is far inside this bound.
            let exponent = Int(x.pointee._mpfr_exp)
            guard exponent.magnitude < 1 << 60 else { return false }
            let significand = x.pointee._mpfr_d!
            for k in 0..<limbs { target[index * limbs + k] = UInt(significand[k]) }
            exponents[index] = exponent
        }
        return withExtendedLifetime(values) { true }
    }

    /// Sets `rowSums[i] = Σ_j K_ij b_j` and `columnSums[j] = Σ_i K_ij a_i`,
    /// each correctly rounded to nearest at the kernel's precision. A sum
    /// whose accumulator lies too close to a rounding tie to decide (see
    /// `roundingIsDecided`) is recomputed exactly by `exactDot`.
    ///
    /// - Returns: `false`, leaving the sums unspecified, when an entry of a
    ///   or b is negative, NaN or infinite, or when an entry of any vector has
    ///   another precision. The caller then needs another method. Zeros are
    ///   allowed.
    /// - Precondition: all four vectors have n entries.
    public func sums(a: [BigFloat], b: [BigFloat], rowSums: inout [BigFloat], columnSums: inout [BigFloat]) -> Bool {
        let n = count
        let L = limbCount
        precondition(a.count == n && b.count == n && rowSums.count == n && columnSums.count == n, "the kernel sums need vectors of \(n) entries")
        guard (rowSums + columnSums).allSatisfy({ $0.precisionBits == precisionBits }) else { return false }

        var aLimbs = [UInt](repeating: 0, count: n * L)
        var bLimbs = [UInt](repeating: 0, count: n * L)
        var aExponents = [Int](repeating: 0, count: n)
        var bExponents = [Int](repeating: 0, count: n)
        let valid = aLimbs.withUnsafeMutableBufferPointer { aBuffer in
            bLimbs.withUnsafeMutableBufferPointer { bBuffer in
                Self.extract(a, limbs: L, precision: precisionBits, allowZero: true, into: aBuffer.baseAddress!, exponents: &aExponents)
                    && Self.extract(b, limbs: L, precision: precisionBits, allowZero: true, into: bBuffer.baseAddress!, exponents: &bExponents)
            }
        }
        guard valid else { return false }

        // Each column sum is aligned to its own largest term, found first.
        let zero = Self.zeroExponent
        var columnTop = [Int](repeating: zero, count: n)
        for i in 0..<n where aExponents[i] != zero {
            for j in 0..<n { columnTop[j] = Swift.max(columnTop[j], kernelExponents[i * n + j] + aExponents[i]) }
        }

        var accumulators = [UInt](repeating: 0, count: (n + 1) * (L + 2) + 3 * L + 2)
        var undecidedRows: [Int] = []
        var undecidedColumns: [Int] = []
        kernelLimbs.withUnsafeBufferPointer { kernel in
            kernelExponents.withUnsafeBufferPointer { kernelExponent in
                aLimbs.withUnsafeBufferPointer { aSignificands in
                    bLimbs.withUnsafeBufferPointer { bSignificands in
                        aExponents.withUnsafeBufferPointer { aExponent in
                            bExponents.withUnsafeBufferPointer { bExponent in
                                columnTop.withUnsafeBufferPointer { columnTop in
                                    accumulators.withUnsafeMutableBufferPointer { accumulators in
                                        let operands = Operands(
                                            kernel: kernel.baseAddress!, kernelExponents: kernelExponent.baseAddress!,
                                            a: aSignificands.baseAddress!, aExponents: aExponent.baseAddress!,
                                            b: bSignificands.baseAddress!, bExponents: bExponent.baseAddress!,
                                            columnTop: columnTop.baseAddress!, accumulators: accumulators.baseAddress!)
                                        // A constant limb count lets the compiler unroll the
                                        // common 256-bit case.
                                        if L == 4 {
                                            Self.accumulate(operands, count: n, limbs: 4, rowSums: &rowSums, undecided: &undecidedRows)
                                        } else {
                                            Self.accumulate(operands, count: n, limbs: L, rowSums: &rowSums, undecided: &undecidedRows)
                                        }
                                        let width = L + 2
                                        for j in 0..<n {
                                            let decided = Self.store(
                                                operands.accumulators + (j + 1) * width, top: columnTop[j], limbs: L, count: n, into: &columnSums[j])
                                            if !decided { undecidedColumns.append(j) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in undecidedRows {
            Self.exactDot((0..<n).map { (kernelValues[i * n + $0], b[$0]) }, into: &rowSums[i])
        }
        for j in undecidedColumns {
            Self.exactDot((0..<n).map { (kernelValues[$0 * n + j], a[$0]) }, into: &columnSums[j])
        }
        return true
    }

    /// Sets `result` to Σ_k x_k y_k correctly rounded to nearest: each product
    /// is exact at twice the precision, and `mpfr_sum` rounds their sum once.
    static func exactDot(_ pairs: [(BigFloat, BigFloat)], into result: inout BigFloat) {
        result.makeUnique()
        let products = pairs.map { x, y in
            let product = BigFloat(precision: 2 * Swift.max(x.precisionBits, y.precisionBits))
            mpfr_mul(product.pointer, x.pointer, y.pointer, MPFR_RNDN)
            return product
        }
        var pointers: [mpfr_ptr?] = products.map(\.pointer)
        withExtendedLifetime(products) {
            _ = mpfr_sum(result.pointer, &pointers, UInt(pointers.count), MPFR_RNDN)
        }
    }

    /// Raw views of the operands and work space of one `sums` call.
    struct Operands {
        let kernel: UnsafePointer<UInt>
        let kernelExponents: UnsafePointer<Int>
        let a: UnsafePointer<UInt>
        let aExponents: UnsafePointer<Int>
        let b: UnsafePointer<UInt>
        let bExponents: UnsafePointer<Int>
        let columnTop: UnsafePointer<Int>
        /// The row accumulator, then one per column, L + 2 limbs each, then
        /// 3L + 2 limbs of product scratch space; all zero on entry.
        let accumulators: UnsafeMutablePointer<UInt>
    }

    /// Runs the O(n²) loop of `sums`: stores the row sums and leaves the column
    /// accumulators filled.
    @inline(__always)
    static func accumulate(_ o: Operands, count n: Int, limbs L: Int, rowSums: inout [BigFloat], undecided: inout [Int]) {
        let width = L + 2
        let zero = zeroExponent
        let row = o.accumulators
        let columns = o.accumulators + width
        let product = o.accumulators + (n + 1) * width
        let reach = 64 * (L + 1)
        for i in 0..<n {
            var rowTop = zero
            for j in 0..<n where o.bExponents[j] != zero {
                rowTop = Swift.max(rowTop, o.kernelExponents[i &* n &+ j] &+ o.bExponents[j])
            }
            for index in 0..<width { row[index] = 0 }
            let aExponent = o.aExponents[i]
            let aSignificand = o.a + i &* L
            for j in 0..<n {
                let entry = o.kernel + (i &* n &+ j) &* L
                let kernelExponent = o.kernelExponents[i &* n &+ j]
                let bExponent = o.bExponents[j]
                if bExponent != zero {
                    let shift = rowTop &- (kernelExponent &+ bExponent)
                    if shift < reach {
                        addProduct(entry, o.b + j &* L, limbs: L, shift: shift, product: product, into: row)
                    }
                }
                if aExponent != zero {
                    let shift = o.columnTop[j] &- (kernelExponent &+ aExponent)
                    if shift < reach {
                        addProduct(entry, aSignificand, limbs: L, shift: shift, product: product, into: columns + j &* width)
                    }
                }
            }
            if !store(row, top: rowTop, limbs: L, count: n, into: &rowSums[i]) { undecided.append(i) }
        }
    }

    /// Adds `(x · y) >> (64(L − 1) + shift)` into the accumulator of L + 2
    /// limbs, where x and y are L-limb significands, least significant limb
    /// first, and `product` is scratch space of at least 3L + 2 limbs whose
    /// limbs from 2L on are zero. Bits shifted below the accumulator's least
    /// significant limb are dropped. The product is exact except for L = 4
    /// (see `addProduct4`).
    @inline(__always)
    static func addProduct(
        _ x: UnsafePointer<UInt>, _ y: UnsafePointer<UInt>, limbs L: Int, shift: Int,
        product: UnsafeMutablePointer<UInt>, into accumulator: UnsafeMutablePointer<UInt>
    ) {
        if L == 4 {
            addProduct4(x, y, shift: shift, into: accumulator)
            return
        }
        __gmpn_mul_n(product, x, y, L)

        // The top L + 1 product limbs, shifted right by `shift` bits. The
        // zero limbs above 2L make the source index safe for a word shift of
        // up to L. Shifting by 1 and then by 63 − b clears the limb for b = 0.
        let high = product + (L - 1)
        let wordShift = shift &>> 6
        let bitShift = UInt(shift & 63)
        var carry: UInt = 0
        for index in 0..<(L + 1) {
            let source = high + (index &+ wordShift)
            let limb = (source[0] &>> bitShift) | ((source[1] &<< 1) &<< (63 &- bitShift))
            let (partial, overflow) = accumulator[index].addingReportingOverflow(limb)
            let (sum, carryOverflow) = partial.addingReportingOverflow(carry)
            accumulator[index] = sum
            carry = (overflow ? 1 : 0) | (carryOverflow ? 1 : 0)
        }
        accumulator[L + 1] &+= carry
    }

    /// `addProduct` for L = 4 (p ≤ 256), unrolled, with the product in
    /// registers. Its product limbs come from `multiplyHigh4`, so a term may
    /// come out up to 4 units of the accumulator's last limb low instead of 1.
    @inline(__always)
    static func addProduct4(_ x: UnsafePointer<UInt>, _ y: UnsafePointer<UInt>, shift: Int, into accumulator: UnsafeMutablePointer<UInt>) {
        let (r3, r4, r5, r6, r7) = multiplyHigh4(x, y)
        var (s0, s1, s2, s3, s4): (UInt, UInt, UInt, UInt, UInt)
        switch shift &>> 6 {
        case 0: (s0, s1, s2, s3, s4) = (r3, r4, r5, r6, r7)
        case 1: (s0, s1, s2, s3, s4) = (r4, r5, r6, r7, 0)
        case 2: (s0, s1, s2, s3, s4) = (r5, r6, r7, 0, 0)
        case 3: (s0, s1, s2, s3, s4) = (r6, r7, 0, 0, 0)
        default: (s0, s1, s2, s3, s4) = (r7, 0, 0, 0, 0)
        }
        let b = UInt(shift & 63)
        // Shifting by 1 and then by 63 − b moves nothing in for b = 0.
        @inline(__always) func join(_ low: UInt, _ high: UInt) -> UInt { (low &>> b) | ((high &<< 1) &<< (63 &- b)) }
        s0 = join(s0, s1)
        s1 = join(s1, s2)
        s2 = join(s2, s3)
        s3 = join(s3, s4)
        s4 = s4 &>> b

        var carry: UInt = 0
        @inline(__always) func add(_ index: Int, _ limb: UInt) {
            let (partial, overflow) = accumulator[index].addingReportingOverflow(limb)
            let (sum, carryOverflow) = partial.addingReportingOverflow(carry)
            accumulator[index] = sum
            carry = (overflow ? 1 : 0) | (carryOverflow ? 1 : 0)
        }
        add(0, s0)
        add(1, s1)
        add(2, s2)
        add(3, s3)
        add(4, s4)
        accumulator[5] &+= carry
    }

    /// Limbs 3 to 7 of the 8-limb product of two 4-limb numbers, least
    /// significant first, summed column by column. The partial products
    /// x0·y0, x0·y1 and x1·y0 are left out: together they are below 3 · 2^192,
    /// so limb 3 comes out low by at most 3 units and the limbs above it are
    /// exact or low by one carry.
    @inline(__always)
    static func multiplyHigh4(_ x: UnsafePointer<UInt>, _ y: UnsafePointer<UInt>) -> (UInt, UInt, UInt, UInt, UInt) {
        let (x0, x1, x2, x3) = (x[0], x[1], x[2], x[3])
        let (y0, y1, y2, y3) = (y[0], y[1], y[2], y[3])
        var t0: UInt = 0
        var t1: UInt = 0
        var t2: UInt = 0

        // Adds the double-limb x·y into the three-limb column sum (t0, t1, t2).
        @inline(__always) func accumulate(_ x: UInt, _ y: UInt) {
            let (high, low) = x.multipliedFullWidth(by: y)
            let (sum0, carry0) = t0.addingReportingOverflow(low)
            // high ≤ 2^64 − 2, so high + 1 does not wrap.
            let (sum1, carry1) = t1.addingReportingOverflow(high &+ (carry0 ? 1 : 0))
            t0 = sum0
            t1 = sum1
            t2 &+= carry1 ? 1 : 0
        }
        // Returns the finished column and moves on to the next one.
        @inline(__always) func emit() -> UInt {
            let limb = t0
            (t0, t1, t2) = (t1, t2, 0)
            return limb
        }

        accumulate(x0, y2); accumulate(x1, y1); accumulate(x2, y0)
        _ = emit()
        accumulate(x0, y3); accumulate(x1, y2); accumulate(x2, y1); accumulate(x3, y0)
        let r3 = emit()
        accumulate(x1, y3); accumulate(x2, y2); accumulate(x3, y1)
        let r4 = emit()
        accumulate(x2, y3); accumulate(x3, y2)
        let r5 = emit()
        accumulate(x3, y3)
        let r6 = emit()
        return (r3, r4, r5, r6, t0)
    }

    /// Rounds `accumulator · 2^(top − 64(L + 1))` to nearest into `result`
    /// (zero when `top` marks an empty sum) and returns whether that is the
    /// correctly rounded exact sum; see `roundingIsDecided`.
    static func store(_ accumulator: UnsafeMutablePointer<UInt>, top: Int, limbs L: Int, count n: Int, into result: inout BigFloat) -> Bool {
        result.makeUnique()
        guard top != zeroExponent else {
            mpfr_set_zero(result.pointer, 1)
            return true
        }
        var integer = __mpz_struct()
        let view = __gmpz_roinit_n(&integer, accumulator, L + 2)
        mpfr_set_z_2exp(result.pointer, view, mpfr_exp_t(top - 64 * (L + 1)), MPFR_RNDN)
        let slack = (4 * n).bitWidth - (4 * n).leadingZeroBitCount
        return roundingIsDecided(accumulator, width: L + 2, precision: Int(mpfr_get_prec(result.pointer)), slackBits: slack)
    }

    /// Returns whether the accumulator X rounds to nearest at `precision`
    /// bits as every S in [X, X + 2^g) does, g = `slackBits`. The exact sum
    /// lies there, because every error of the accumulation is a truncation of
    /// at most 4n < 2^g units. Let h be the position of the half-ulp bit of X, p bits
    /// below its leading bit. S can pass a midpoint only if bit h is 0 and bits
    /// h − 1 down to g are all 1. It can also differ in rounding when X is
    /// itself a midpoint, that is, bit h is 1 and every bit below it is 0.
    static func roundingIsDecided(_ x: UnsafePointer<UInt>, width: Int, precision p: Int, slackBits g: Int) -> Bool {
        var topLimb = width - 1
        while topLimb > 0 && x[topLimb] == 0 { topLimb -= 1 }
        let leading = topLimb * 64 + 63 - x[topLimb].leadingZeroBitCount
        let half = leading - p
        guard half > g else { return false }

        func bit(_ position: Int) -> UInt { (x[position >> 6] >> UInt(position & 63)) & 1 }
        let halfBit = bit(half)
        let lowest = halfBit == 1 ? 0 : g
        var position = half - 1
        while position >= lowest {
            if bit(position) == halfBit { return true }
            position -= 1
        }
        return false
    }
}
