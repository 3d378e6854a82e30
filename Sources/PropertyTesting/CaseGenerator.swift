import Campaign
import Foundation

/// Draws property cases from SplitMix64.
///
/// Case `index` of a run with seed `s` reads only the stream
/// `SplitMix64.substream(seed: s, index: index)`, so every case replays on
/// its own, and the same (seed, index, settings) gives the same case on every
/// platform. Draw order within a case: kind, n, d, points, λ, γ/λ, depth,
/// initial duals, auxiliary seed.
public struct CaseGenerator: Sendable {
    public let settings: GeneratorSettings

    public init(settings: GeneratorSettings) {
        self.settings = settings
    }

    public func generate(seed: UInt64, index: UInt64) -> PropertyCase {
        var random = SplitMix64.substream(seed: seed, index: index)
        let kind = settings.kinds[random.nextInt(below: settings.kinds.count)]
        let n = settings.counts.lowerBound + random.nextInt(below: settings.counts.count)
        let d = settings.dimensions.lowerBound + random.nextInt(below: settings.dimensions.count)
        var points = PointSetSampler(random: random)
        let (source, target) = points.draw(kind, count: n, dimension: d, highDimensions: settings.highDimensions)
        random = points.random

        // λ relative to the mean cost, so that C/λ does not depend on the scale.
        let meanCost = Self.meanCost(source, target)
        let decade = meanCost > 0 ? Int(log10(meanCost).rounded()) : 0
        let exponent = decade + settings.lambdaDecades.lowerBound + random.nextInt(below: settings.lambdaDecades.count)
        let mantissa = random.nextInt(below: 2) == 0 ? 1 : 3
        let lambda = ExactNumber.decimal("\(mantissa)e\(exponent)")
        let ratio = Double(settings.stepRatios[random.nextInt(below: settings.stepRatios.count)])!
        let gamma = ExactNumber.decimal("\(Self.shortDecimal(ratio * Double(mantissa)))e\(exponent)")
        let layers = settings.layerBudgets[random.nextInt(below: settings.layerBudgets.count)]

        let dualKind = settings.initialDualKinds[random.nextInt(below: settings.initialDualKinds.count)]
        let duals: InitialDuals
        switch dualKind {
        case "random":
            // N(0, 1)·λ, 2 decimals of the factor.
            func draw() -> [ExactNumber] {
                (0..<n).map { _ in ExactNumber.scientific(random.nextGaussian() * Double(mantissa), places: 2, exponent: exponent) }
            }
            duals = .explicit(u: draw(), v: draw())
        case "near-minimizer":
            // r = ρ·λ with ρ ∈ {0.1, 1, 4}, spelled exactly for both mantissas.
            let radii = mantissa == 1 ? ["0.1", "1", "4"] : ["0.3", "3", "12"]
            let radius = radii[random.nextInt(below: radii.count)]
            func direction() -> [ExactNumber] { (0..<n).map { _ in ExactNumber.rounding(random.nextGaussian(), places: 2) } }
            duals = .nearMinimizer(
                distance: .decimal("\(radius)e\(exponent)"),
                directionU: direction(), directionV: direction())
        default:
            duals = .zero
        }

        return PropertyCase(
            generator: kind.rawValue, source: source, target: target,
            regularization: lambda, stepsize: gamma, layers: layers,
            initialDuals: duals, auxiliarySeed: random.next())
    }

    /// Computes the mean of C_ij = ‖x_i − y_j‖² in float64.
    static func meanCost(_ source: [[ExactNumber]], _ target: [[ExactNumber]]) -> Double {
        let x = source.map { $0.map { $0.value(precision: 53) as Double } }
        let y = target.map { $0.map { $0.value(precision: 53) as Double } }
        var total = 0.0
        for a in x {
            for b in y { total += zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
        }
        return total / Double(x.count * y.count)
    }

    /// `value` in the shortest decimal that Swift prints for it, without a
    /// trailing ".0". Exact for the γ mantissas used here (0.25 to 24, all
    /// products of a power of two and 1 or 3).
    static func shortDecimal(_ value: Double) -> String {
        let text = "\(value)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
