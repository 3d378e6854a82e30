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

@Test(arguments: [53, 64, 113, 200, 256, 257, 320, 512, 1000, 1024])
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
    // Only |x| ≥ 2^40 is out of range here (none of the arguments); the rounding
    // test fails for about one argument in 2^23.
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
