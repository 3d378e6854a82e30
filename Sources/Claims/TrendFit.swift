import Foundation

/// Ordinary least squares for y = a + b·x, in Double: the fit describes a
/// trend, and its inputs are logarithms of measured quantities.
public struct TrendFit: Sendable {
    public let slope: Double
    public let intercept: Double
    /// The standard error of the slope; `nan` with fewer than 3 points.
    public let slopeStandardError: Double
    public let count: Int

    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "x and y need the same length")
        let n = Double(x.count)
        guard x.count >= 2 else { return nil }
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        guard sxx > 0 else { return nil }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX
        self.slope = slope
        self.intercept = intercept
        count = x.count
        if x.count > 2 {
            let residuals = zip(x, y).reduce(0) { sum, point in
                let r = point.1 - (intercept + slope * point.0)
                return sum + r * r
            }
            slopeStandardError = (residuals / (n - 2) / sxx).squareRoot()
        } else {
            slopeStandardError = .nan
        }
    }
}
