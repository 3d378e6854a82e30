import CMPFR
import Testing
@testable import ArbitraryPrecision

/// A fixed SplitMix64 stream, so that every run tests the same arguments.
private struct Stream {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [−1, 1) with 53 random bits.
    mutating func unit() -> Double { Double(Int64(bitPattern: next()) >> 11) * 0x1p-52 }
}

/// Arguments that stress each step of `TableExponential`: ordinary sizes,
/// tiny and large magnitudes, and points next to multiples of ln 2 and to
/// table boundaries j · 2^(−8l), given with all p bits random.
private func exponentialArguments(precision p: Int, count: Int) -> [BigFloat] {
    var stream = Stream(state: UInt64(p))
    var result: [BigFloat] = []
    let ln2 = BigFloat.ln2(precision: p)
    for index in 0..<count {
        // A p-bit random significand in [−1, 1).
        var x = BigFloat(stream.unit(), precision: p)
        var scale = BigFloat(1, precision: p)
        for _ in 0..<(p / 50) {
            scale = scale * BigFloat(0x1p-50, precision: p)
            x = x + scale * BigFloat(stream.unit(), precision: p)
        }
        switch index % 6 {
        case 0: x = x * BigFloat(60, precision: p)
        case 1: x = x * BigFloat(0x1p-70, precision: p)
        case 2: x = x * BigFloat(1e8, precision: p)
        case 3: x = BigFloat(Int(stream.next() % 2001) - 1000, precision: p) * ln2 + x * BigFloat(0x1p-200, precision: p)
        case 4: x = BigFloat(Int(stream.next() % 256), precision: p) * BigFloat(0x1p-16, precision: p) + x * BigFloat(0x1p-40, precision: p)
        default: x = x * BigFloat(700, precision: p)
        }
        result.append(x)
    }
    return result
}

@Test(arguments: [53, 64, 96, 113, 160, 200, 224, 256, 257, 288, 320, 512, 1000, 1024])
func tableExponentialMatchesMPFRBitForBit(precision: Int) throws {
    let table = try #require(TableExponential.forPrecision(precision))
    var decided = 0
    let arguments = exponentialArguments(precision: precision, count: 600)
    for x in arguments {
        let expected = BigFloat.exp(x, rounding: .toNearest)
        let result = BigFloat(precision: precision)
        if table.exp(x.pointer, into: result.pointer) {
            decided += 1
            #expect(result == expected, "exp(\(x.roundTripDecimal())) at \(precision) bits")
        }
        var viaFormExp = x
        viaFormExp.formExp()
        #expect(viaFormExp == expected)
    }
    // No argument is out of range, and the rounding test fails for about one
    // argument in 2^26 at worst.
    #expect(decided == arguments.count)
}

@Test func tableExponentialLeavesSpecialValuesToMPFR() throws {
    let table = try #require(TableExponential.forPrecision(256))
    let result = BigFloat(precision: 256)
    for x in [BigFloat(0, precision: 256), BigFloat(1e15, precision: 256), BigFloat(-1e300, precision: 256)] {
        #expect(!table.exp(x.pointer, into: result.pointer))
        var viaFormExp = x
        viaFormExp.formExp()
        #expect(viaFormExp == BigFloat.exp(x, rounding: .toNearest))
    }
    #expect(TableExponential.forPrecision(2048) == nil)
}

@Test(arguments: [53, 256, 300, 1024])
func fixedPointKernelSumsAreCorrectlyRounded(precision p: Int) throws {
    // Terms spanning 2^−250 to 1, so that alignment and dropped bits matter,
    // and one zero in each vector.
    let n = 9
    var stream = Stream(state: 7)
    func positive(_ spread: Double) -> BigFloat {
        var value = BigFloat(0.5 + 0.5 * abs(stream.unit()), precision: p)
        value = value + BigFloat(stream.unit(), precision: p) * BigFloat(0x1p-60, precision: p)
        let exponent = -Int(Double(stream.next() % 1000) / 1000 * spread)
        mpfr_mul_2si(value.pointer, value.pointer, exponent, MPFR_RNDN)
        return value
    }
    let kernel = (0..<(n * n)).map { _ in positive(250) }
    var a = (0..<n).map { _ in positive(40) }
    var b = (0..<n).map { _ in positive(40) }
    a[3] = BigFloat(0, precision: p)
    b[5] = BigFloat(0, precision: p)

    let fixedPoint = try #require(FixedPointKernel(kernel: kernel, count: n, precision: p))
    var rows = (0..<n).map { _ in BigFloat(precision: p) }
    var columns = (0..<n).map { _ in BigFloat(precision: p) }
    #expect(fixedPoint.sums(a: a, b: b, rowSums: &rows, columnSums: &columns))

    // Exact sums at 4p + 600 bits (every product and sum fits), then rounded once.
    let wide = 4 * p + 600
    for i in 0..<n {
        var row = BigFloat(0, precision: wide)
        var column = BigFloat(0, precision: wide)
        for j in 0..<n {
            row = row + kernel[i * n + j].rounded(toPrecision: wide) * b[j].rounded(toPrecision: wide)
            column = column + kernel[j * n + i].rounded(toPrecision: wide) * a[j].rounded(toPrecision: wide)
        }
        #expect(rows[i] == row.rounded(toPrecision: p), "row \(i) at \(p) bits")
        #expect(columns[i] == column.rounded(toPrecision: p), "column \(i) at \(p) bits")
    }

    // A negative entry cannot be summed in this form.
    a[0] = -a[1]
    #expect(!fixedPoint.sums(a: a, b: b, rowSums: &rows, columnSums: &columns))
    #expect(FixedPointKernel(kernel: [BigFloat(-1, precision: p)], count: 1, precision: p) == nil)
}

/// Y · 2^(k − F) − exp(x), in units of 2^(k − F), from the exact exp at F + 200 bits.
private func fixedPointError(_ x: BigFloat, table: TableExponential) -> Double? {
    var limbs: [UInt] = []
    var k = 0
    let result = BigFloat(precision: table.precision)
    _ = table.exp(x.pointer, into: result.pointer) { value, exponent in
        limbs = Array(UnsafeBufferPointer(start: value, count: table.limbs))
        k = exponent
    }
    guard !limbs.isEmpty else { return nil }
    let wide = table.fractionBits + 200
    var computed = BigFloat(0, precision: wide)
    for (index, limb) in limbs.enumerated() {
        let term = BigFloat(precision: wide)
        mpfr_set_ui_2exp(term.pointer, limb, 64 * index, MPFR_RNDN)
        computed = computed + term
    }
    let exact = BigFloat.exp(x.rounded(toPrecision: wide), rounding: .toNearest)
    mpfr_mul_2si(exact.pointer, exact.pointer, table.fractionBits - k, MPFR_RNDN)
    return (computed - exact).doubleValue
}

@Test(arguments: [53, 96, 160, 256, 288, 1024])
func tableExponentialStaysWithinItsErrorBound(precision: Int) throws {
    // The rounding test assumes |Y − exp(x)·2^(F − k)| < 64 units; the
    // analysis gives 23, and Y is never above the exact value by more than
    // the rounding of the table entries (2 units).
    let table = try #require(TableExponential.forPrecision(precision))
    for x in exponentialArguments(precision: precision, count: 300) {
        let error = try #require(fixedPointError(x, table: table))
        #expect(error.magnitude < 23, "Y − exact = \(error) units for x = \(x.roundTripDecimal()) at \(precision) bits")
    }
}

@Test func roundingTestRejectsValuesNearMidpoints() {
    // p = 64 with F = 128 fraction bits: Y = 1 + fraction, half-ulp bit at 64.
    func decided(_ fraction0: UInt, _ fraction1: UInt) -> Bool {
        let value: [UInt] = [fraction0, fraction1, 1]
        return TableExponential.roundingIsDecided(value, fractionBits: 128, precision: 64)
    }
    let halfBit: UInt = 1 << 0  // bit 64 is bit 0 of limb 1
    #expect(!decided(0, halfBit))                       // exactly a midpoint
    #expect(!decided(1 << 6, halfBit))                  // within 64 units above it
    #expect(decided(1 << 7, halfBit))                   // 128 units above it
    #expect(!decided(~UInt(0), 0))                      // 1 unit below a midpoint
    #expect(!decided(~UInt(0) ^ (1 << 6), 0))           // 65 units below it
    #expect(decided(~UInt(0) ^ (1 << 7), 0))            // 129 units below it
    #expect(decided(1 << 40, 0))                        // far from any midpoint
}

@Test func truncatedProductIsLowByAtMostThreeUnits() {
    var stream = Stream(state: 11)
    var x = [UInt](repeating: 0, count: 4)
    var y = [UInt](repeating: 0, count: 4)
    var exact = [UInt](repeating: 0, count: 8)
    for trial in 0..<20_000 {
        for index in 0..<4 {
            x[index] = trial < 10 ? ~UInt(0) : UInt(stream.next())
            y[index] = trial < 10 ? ~UInt(0) - UInt(trial) : UInt(stream.next())
        }
        __gmpn_mul_n(&exact, x, y, 4)
        let (r3, r4, r5, r6, r7) = FixedPointKernel.multiplyHigh4(x, y)
        // The exact top five limbs minus the truncated ones, as a number.
        var borrow: UInt = 0
        var difference: [UInt] = []
        for (exactLimb, truncatedLimb) in zip(exact[3...], [r3, r4, r5, r6, r7]) {
            let (partial, overflow1) = exactLimb.subtractingReportingOverflow(truncatedLimb)
            let (limb, overflow2) = partial.subtractingReportingOverflow(borrow)
            difference.append(limb)
            borrow = (overflow1 || overflow2) ? 1 : 0
        }
        #expect(borrow == 0, "truncated product above the exact one")
        #expect(difference[1...].allSatisfy { $0 == 0 }, "deficit \(difference) reaches limb 4")
        #expect(difference[0] <= 3, "deficit \(difference[0]) units in limb 3")
    }
}

@Test(arguments: [64, 256, 320])
func kernelSumsRoundTiesCorrectly(precision p: Int) throws {
    // Sums within 2^(−3p/2 − 8) of a midpoint, above and below, and on it. Past
    // 128 bits that offset lies below the accumulator, which then cannot
    // decide the rounding, so `exactDot` must.
    func power(_ exponent: Int) -> BigFloat {
        let value = BigFloat(precision: p)
        mpfr_set_ui_2exp(value.pointer, 1, exponent, MPFR_RNDN)
        return value
    }
    let one = BigFloat(1, precision: p)
    let kernel = [one, one, one, one]
    let fixedPoint = try #require(FixedPointKernel(kernel: kernel, count: 2, precision: p))
    let wide = 3 * p + 400
    for tiny in [power(-p - p / 2 - 8), BigFloat(0, precision: p)] {
        // b = (1, 2^−p ± tiny) puts Σ b next to the midpoint 1 + 2^−p.
        for sign in [1, -1] {
            var second = power(-p)
            second = sign > 0 ? second + tiny : second - tiny
            let b = [one, second]
            var rows = [BigFloat(precision: p), BigFloat(precision: p)]
            var columns = [BigFloat(precision: p), BigFloat(precision: p)]
            #expect(fixedPoint.sums(a: b, b: b, rowSums: &rows, columnSums: &columns))
            let exact = (one.rounded(toPrecision: wide) + second.rounded(toPrecision: wide)).rounded(toPrecision: p)
            #expect(rows[0] == exact, "row sum 1 + 2^−\(p) \(sign > 0 ? "+" : "−") tiny at \(p) bits")
            #expect(columns[1] == exact, "column sum at \(p) bits")
        }
    }
}
