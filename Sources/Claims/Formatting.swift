import ArbitraryPrecision

extension BigFloat {
    /// Six significant digits, for evidence lines.
    var evidenceText: String { formatted(significantDigits: 6) }
}
