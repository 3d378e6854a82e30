import Campaign

/// The families of point sets the generator draws. Every coordinate is an
/// exact decimal or a small-denominator rational, so a case prints exactly.
public enum PointSetKind: String, CaseIterable, Sendable {
    /// Uniform in the unit cube, 2 decimals.
    case uniformCube = "uniform-cube"
    /// Standard normal, 2 decimals.
    case gaussian
    /// Normal with axis scales 0.01, 1 or 100, 3 decimals before scaling.
    case anisotropic
    /// Two or three tight clusters (spread 0.1) around centers in [0, 10)^d.
    case clustered
    /// Uniform, with some source and target points repeated exactly.
    case duplicated = "duplicated"
    /// Pairs of points 0.001 apart, so within sqrt(λ) for every λ ≥ 1e-6.
    case nearTies = "near-ties"
    /// Points k·a/20 + b on one line, with integer vectors a and b.
    case collinear
    /// Uniform in [0, 10^6)^d (coordinates 0.xyz·10^6).
    case largeScale = "large-scale"
    /// Uniform in [0, 10^-6)^d (coordinates 0.xyz·10^-6).
    case tinyScale = "tiny-scale"
    /// Uniform in [0, 1)^d with d of 16, 32 or 64, 1 decimal.
    case highDimension = "high-dimension"
    /// Coordinates k/q with q of 2, 3, 5 or 7 and 0 ≤ k ≤ 2q.
    case rationalGrid = "rational-grid"
    /// Rows of Fisher's iris data, d = 4, in cm.
    case iris
    /// Rows of the wine data, a random subset of its 13 columns, raw units.
    case wine
    /// d = 1: x a random permutation of {0, …, n−1}/n, y_j = j/n.
    case sortingPermutation = "sorting-permutation"
    /// d = 1: x drawn from {0, 1/3, 2/3, 1} with repeats, y_j = j/n.
    case sortingTies = "sorting-ties"
    /// d = 1: x already increasing, y_j = j/n.
    case sortingSorted = "sorting-sorted"
    /// d = 1: x decreasing, y_j = j/n.
    case sortingReversed = "sorting-reversed"

    /// The kinds whose points have d = 1 and increasing targets.
    public static let sortingLists: [PointSetKind] = [.sortingPermutation, .sortingTies, .sortingSorted, .sortingReversed]

    /// Every kind except the sorting lists.
    public static let general: [PointSetKind] = allCases.filter { !sortingLists.contains($0) }
}

extension ExactNumber {
    /// `value` rounded to `places` decimals, times 10^exponent, as an exact
    /// decimal such as `0.123e6`.
    static func scientific(_ value: Double, places: Int, exponent: Int) -> ExactNumber {
        let mantissa = ExactNumber.rounding(value, places: places).description
        return exponent == 0 ? .decimal(mantissa) : .decimal("\(mantissa)e\(exponent)")
    }
}
