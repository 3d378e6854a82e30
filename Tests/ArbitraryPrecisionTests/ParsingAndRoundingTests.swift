import Testing
@testable import ArbitraryPrecision

@Test func decimalTenthIsCorrectlyRounded() throws {
    // At 256 bits, the correctly rounded 1/10 differs from the double nearest 0.1.
    let parsed = try BigFloat(decimal: "0.1", precision: 256)
    let quotient = BigFloat(1, precision: 256) / BigFloat(10, precision: 256)
    let fromDouble = BigFloat(0.1, precision: 256)
    #expect(parsed == quotient)
    #expect(parsed != fromDouble)
}

@Test func printParseRoundTrip() throws {
    for text in ["0.1", "-2.5e-300", "123456789.123456789", "6.02214076e23", "1e-100000"] {
        for precision in [53, 256, 1000] {
            let value = try BigFloat(decimal: text, precision: precision)
            let printed = value.roundTripDecimal()
            let reparsed = try BigFloat(decimal: printed, precision: precision)
            #expect(reparsed == value, "\(text) at \(precision) bits printed as \(printed)")
        }
    }
}

@Test func formattedSignificantDigits() throws {
    let third = BigFloat(1, precision: 256) / BigFloat(3, precision: 256)
    #expect(third.formatted(significantDigits: 5) == "3.3333e-01")
    #expect((-BigFloat(1500, precision: 64)).formatted(significantDigits: 2) == "-1.5e+03")
    #expect(BigFloat(0, precision: 64).formatted(significantDigits: 3) == "0")
    #expect(Double(0.125).formatted(significantDigits: 3) == "1.25e-01")
}

@Test func invalidDecimalsAreRejected() {
    for text in ["", "nan", "NaN", "inf", "-inf", "@nan@", "0x1p3", "1.2.3", "1e", "e5", "1,5", " 1", "1 ", "--1", "1e1234567890"] {
        #expect(throws: RealNumberParseError.self, "accepted '\(text)'") {
            _ = try BigFloat(decimal: text, precision: 64)
        }
        #expect(throws: RealNumberParseError.self, "Double accepted '\(text)'") {
            _ = try Double(decimal: text, precision: 53)
        }
    }
}

@Test func conversionsFromIntAndDouble() {
    #expect(BigFloat(Int.max, precision: 64).roundTripDecimal() == "9.223372036854775807e+18")
    #expect(BigFloat(0.1, precision: 200).doubleValue == 0.1)
    #expect(BigFloat(-7, precision: 53).doubleValue == -7)
}

@Test func directedRoundingBracketsSum() throws {
    // 1/3 + 1/7 is not representable at 64 bits; the exact sum is 10/21.
    let third = BigFloat(1, precision: 64) / BigFloat(3, precision: 64)
    let seventh = BigFloat(1, precision: 64) / BigFloat(7, precision: 64)
    let lower = BigFloat.sum(third, seventh, rounding: .down)
    let upper = BigFloat.sum(third, seventh, rounding: .up)
    let exact = BigFloat.sum(third, seventh, rounding: .toNearest).rounded(toPrecision: 4096)
    let exactAtHighPrecision = third.rounded(toPrecision: 4096) + seventh.rounded(toPrecision: 4096)
    #expect(lower < upper)
    #expect(lower <= exactAtHighPrecision)
    #expect(exactAtHighPrecision <= upper)
    #expect(exact == lower || exact == upper)
}

@Test func directedRoundingBracketsExp() {
    let x = BigFloat(3, precision: 64) / BigFloat(7, precision: 64)
    let lower = BigFloat.exp(x, rounding: .down)
    let upper = BigFloat.exp(x, rounding: .up)
    let accurate = BigFloat.exp(x.rounded(toPrecision: 2048))
    #expect(lower < upper)
    #expect(lower.rounded(toPrecision: 2048) < accurate)
    #expect(accurate < upper.rounded(toPrecision: 2048))
}

@Test func mixedPrecisionUsesLarger() {
    let narrow = BigFloat(1, precision: 53)
    let wide = BigFloat(3, precision: 300)
    #expect((narrow / wide).precisionBits == 300)
}

@Test func copyOnWriteKeepsValueSemantics() {
    let original = BigFloat(2, precision: 128)
    var copy = original
    copy.addProduct(BigFloat(3, precision: 128), BigFloat(4, precision: 128))
    #expect(original == BigFloat(2, precision: 128))
    #expect(copy == BigFloat(14, precision: 128))
}

@Test func minimumMaximumPropagateNaN() {
    let nan = BigFloat(Double.nan, precision: 64)
    let one = BigFloat(1, precision: 64)
    #expect(BigFloat.maximum(nan, one).isNaN)
    #expect(BigFloat.minimum(one, nan).isNaN)
    #expect(BigFloat.maximum(one, BigFloat(2, precision: 64)) == BigFloat(2, precision: 64))
}

@Test func matrixProductMatchesDefinition() throws {
    let a = Matrix<BigFloat>(rows: [[1, 2, 0], [0, -1, 3]].map { $0.map { BigFloat($0, precision: 100) } })
    let b = Matrix<BigFloat>(rows: [[2, 0], [1, 1], [0, 5]].map { $0.map { BigFloat($0, precision: 100) } })
    let product = a.multiplied(by: b)
    #expect(product.row(0).map(\.doubleValue) == [4, 2])
    #expect(product.row(1).map(\.doubleValue) == [-1, 14])
    let viaTranspose = a.multipliedByTransposed(b.transposed)
    #expect(viaTranspose.elements == product.elements)
}
