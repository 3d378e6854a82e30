import Foundation
import Testing
@testable import ArbitraryPrecision

/// Reference values to 520 significant digits, computed by
/// `Fixtures/make_constants.py` with Python's `decimal` module.
private let referenceConstants: [String: String] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/constants.txt")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    var table: [String: String] = [:]
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: " ")
        if parts.count == 2 { table[String(parts[0])] = String(parts[1]) }
    }
    return table
}()

/// 2000 bits carry about 602 significant decimal digits.
private let precision = 2000

/// Asserts that `computed` agrees with the named reference to a relative
/// error below 10^-505, that is to more than 500 significant digits.
private func expectAgreement(_ computed: BigFloat, with name: String) throws {
    let text = try #require(referenceConstants[name], "missing reference value \(name)")
    let expected = try BigFloat(decimal: text, precision: precision)
    let relativeError = ((computed - expected) / expected).magnitude
    let bound = try BigFloat(decimal: "1e-505", precision: precision)
    #expect(relativeError < bound, "\(name): relative error \(relativeError.formatted(significantDigits: 3))")
}

@Test func eulerNumberTo500Digits() throws {
    try expectAgreement(BigFloat.exp(BigFloat(1, precision: precision)), with: "e")
}

@Test func piTo500Digits() throws {
    try expectAgreement(BigFloat.pi(precision: precision), with: "pi")
}

@Test func ln2To500Digits() throws {
    try expectAgreement(BigFloat.log(BigFloat(2, precision: precision)), with: "ln2")
    try expectAgreement(BigFloat.ln2(precision: precision), with: "ln2")
}

@Test func expOfMinus200To500Digits() throws {
    try expectAgreement(BigFloat.exp(BigFloat(-200, precision: precision)), with: "exp(-200)")
}

@Test func expOf1000To500Digits() throws {
    try expectAgreement(BigFloat.exp(BigFloat(1000, precision: precision)), with: "exp(1000)")
}

@Test func log1pOfTinyArgumentTo500Digits() throws {
    let x = try BigFloat(decimal: "1e-30", precision: precision)
    try expectAgreement(BigFloat.log1p(x), with: "log1p(1e-30)")
}

@Test func sqrtAndPowTo500Digits() throws {
    let two = BigFloat(2, precision: precision)
    try expectAgreement(BigFloat.sqrt(two), with: "sqrt(2)")
    let half = try BigFloat(decimal: "0.5", precision: precision)
    try expectAgreement(BigFloat.pow(two, half), with: "sqrt(2)")
}

@Test func expm1InvertsLog1p() throws {
    let x = try BigFloat(decimal: "1e-40", precision: 256)
    let roundTrip = BigFloat.expm1(BigFloat.log1p(x))
    let relativeError = ((roundTrip - x) / x).magnitude
    #expect(relativeError < (try BigFloat(decimal: "1e-75", precision: 256)))
}
