/// The region of inputs a property is tested on.
///
/// λ is drawn on a log scale relative to the mean cost c̄ of the drawn
/// points: λ = m · 10^(e + k) with m ∈ {1, 3}, 10^e the power of ten nearest
/// to c̄, and k from `lambdaDecades`. So max C/λ covers the same range for
/// point sets at every scale. γ = ρ·λ with ρ from `stepRatios`.
public struct GeneratorSettings: Sendable {
    public var kinds: [PointSetKind]
    /// Number of points n, drawn uniformly from this range.
    public var counts: ClosedRange<Int>
    /// d for the kinds without a fixed dimension.
    public var dimensions: ClosedRange<Int>
    /// d for `high-dimension`.
    public var highDimensions: [Int]
    public var lambdaDecades: ClosedRange<Int>
    public var stepRatios: [String]
    public var layerBudgets: [Int]
    public var initialDualKinds: [String]

    public init(
        kinds: [PointSetKind] = PointSetKind.general,
        counts: ClosedRange<Int> = 2...5,
        dimensions: ClosedRange<Int> = 1...3,
        highDimensions: [Int] = [16, 32, 64],
        lambdaDecades: ClosedRange<Int> = -2...1,
        stepRatios: [String] = ["0.25", "0.5", "1", "2"],
        layerBudgets: [Int] = [1, 2, 3, 5, 10, 20],
        initialDualKinds: [String] = ["zero", "random", "near-minimizer"]
    ) {
        precondition(counts.lowerBound >= 1 && dimensions.lowerBound >= 1, "n and d must be at least 1")
        precondition(!kinds.isEmpty && !stepRatios.isEmpty && !layerBudgets.isEmpty && !initialDualKinds.isEmpty, "every choice list needs an entry")
        self.kinds = kinds
        self.counts = counts
        self.dimensions = dimensions
        self.highDimensions = highDimensions
        self.lambdaDecades = lambdaDecades
        self.stepRatios = stepRatios
        self.layerBudgets = layerBudgets
        self.initialDualKinds = initialDualKinds
    }

    /// General point sets of 2 to 5 points.
    public static let standard = GeneratorSettings()

    /// General point sets with γ/λ up to 8, past the step where descent on
    /// L can overshoot.
    public static let largeSteps = GeneratorSettings(counts: 1...5, stepRatios: ["0.25", "0.5", "1", "2", "4", "8"])

    /// Deep runs started near the dual minimizer, where the changes of L
    /// shrink towards the resolution of float64.
    public static let nearConvergence = GeneratorSettings(layerBudgets: [20, 50, 100], initialDualKinds: ["near-minimizer"])

    /// d = 1 sorting lists of 2 to 6 points with increasing targets.
    public static let sorting = GeneratorSettings(kinds: PointSetKind.sortingLists, counts: 2...6, dimensions: 1...1)
}
