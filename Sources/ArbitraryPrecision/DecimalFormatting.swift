import CMPFR

enum DecimalFormatting {
    /// Formats `x` as `d.ddd…e±XX` with `digits` significant digits rounded to
    /// nearest, or with MPFR's round-trip digit count when `digits` is 0.
    static func scientific(_ x: BigFloat, digits: Int) -> String {
        if x.isNaN { return "nan" }
        if !x.isFinite { return x > BigFloat(precision: 2) ? "inf" : "-inf" }
        if x.isZero { return "0" }

        var exponent: mpfr_exp_t = 0
        guard let raw = mpfr_get_str(nil, &exponent, 10, digits, x.pointer, MPFR_RNDN) else {
            preconditionFailure("mpfr_get_str failed to allocate its result")
        }
        defer { mpfr_free_str(raw) }

        var mantissa = String(cString: raw)
        var sign = ""
        if mantissa.hasPrefix("-") {
            sign = "-"
            mantissa.removeFirst()
        }

        // MPFR returns the digits of 0.ddd × 10^exponent.
        let leading = mantissa.prefix(1)
        var rest = String(mantissa.dropFirst())
        if digits == 0 {
            while rest.hasSuffix("0") { rest.removeLast() }
        }
        let decimalExponent = Int(exponent) - 1
        let exponentText = (decimalExponent < 0 ? "-" : "+")
            + (abs(decimalExponent) < 10 ? "0" : "") + String(abs(decimalExponent))
        let fraction = rest.isEmpty ? "" : "." + rest
        return sign + leading + fraction + "e" + exponentText
    }
}
