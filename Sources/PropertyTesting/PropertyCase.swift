import ArbitraryPrecision
import Campaign
import Transport

/// One generated input for a property: exact point sets, λ, a constant
/// stepsize γ, a depth and initial duals. Every number is an `ExactNumber`,
/// so a case prints exactly and means the same at every precision.
public struct PropertyCase: Sendable, Equatable {
    /// The generator that drew the points, for example `uniform-cube`.
    public var generator: String
    public var source: [[ExactNumber]]
    public var target: [[ExactNumber]]
    public var regularization: ExactNumber
    /// γ of every layer (a constant schedule).
    public var stepsize: ExactNumber
    /// The depth budget: hidden layers to run.
    public var layers: Int
    public var initialDuals: InitialDuals
    /// Extra randomness for properties that need more than the case, such as
    /// the permutation of the permutation invariant. Shrinking keeps it.
    public var auxiliarySeed: UInt64

    public init(
        generator: String, source: [[ExactNumber]], target: [[ExactNumber]],
        regularization: ExactNumber, stepsize: ExactNumber, layers: Int,
        initialDuals: InitialDuals = .zero, auxiliarySeed: UInt64 = 0
    ) {
        self.generator = generator
        self.source = source
        self.target = target
        self.regularization = regularization
        self.stepsize = stepsize
        self.layers = layers
        self.initialDuals = initialDuals
        self.auxiliarySeed = auxiliarySeed
    }

    public var count: Int { source.count }
    public var dimension: Int { source.first?.count ?? 0 }

    /// The case as a campaign instance with zero initial duals (the
    /// instance has no form for duals placed near the minimizer).
    public var instance: Instance {
        Instance(
            name: generator, summary: "generated \(generator) case", source: source, target: target,
            regularization: regularization, stepsize: stepsize, layers: layers)
    }

    public func problem<Real: RealNumber>(precision: Int) -> TransportProblem<Real> {
        instance.problem(precision: precision)
    }

    public func gamma<Real: RealNumber>(precision: Int) -> Real { stepsize.value(precision: precision) }

    /// max_ij C_ij / λ, in float64: how far the kernel exp(−C/λ) is from
    /// uniform, the quantity that makes small λ hard.
    public var maxCostOverLambda: Double {
        let problem: TransportProblem<Double> = self.problem(precision: 53)
        let largest = problem.cost.elements.max() ?? 0
        return largest / problem.regularization
    }
}

/// The initial duals u^(0), v^(0) of the transformer and the algorithm.
public enum InitialDuals: Sendable, Equatable {
    case zero
    /// Given values, one per point.
    case explicit(u: [ExactNumber], v: [ExactNumber])
    /// (u*, v*) + r · (a, b)/‖(a, b)‖₂, where (u*, v*) is the balanced dual
    /// minimizer that Sinkhorn returns at the working precision. The point is
    /// at distance r from that minimizer (rounded at the working precision).
    case nearMinimizer(distance: ExactNumber, directionU: [ExactNumber], directionV: [ExactNumber])

    /// A short name for coverage tables and messages.
    public var kind: String {
        switch self {
        case .zero: return "zero"
        case .explicit: return "random"
        case .nearMinimizer: return "near-minimizer"
        }
    }

    /// Returns the duals without the entry of point `index`.
    func removing(index: Int) -> InitialDuals {
        func drop(_ values: [ExactNumber]) -> [ExactNumber] {
            var copy = values
            copy.remove(at: index)
            return copy
        }
        switch self {
        case .zero:
            return .zero
        case let .explicit(u, v):
            return .explicit(u: drop(u), v: drop(v))
        case let .nearMinimizer(distance, directionU, directionV):
            return .nearMinimizer(distance: distance, directionU: drop(directionU), directionV: drop(directionV))
        }
    }

    /// Resolves the duals at `precision`; `.nearMinimizer` runs Sinkhorn.
    ///
    /// - Throws: `SinkhornError` when the minimizer cannot be computed.
    public func values<Real: RealNumber>(for problem: TransportProblem<Real>) throws -> (u: [Real], v: [Real]) {
        let p = problem.precisionBits
        let n = problem.count
        switch self {
        case .zero:
            let zeros = (0..<n).map { _ in Real(0, precision: p) }
            return (zeros, zeros)
        case let .explicit(u, v):
            return (u.map { $0.value(precision: p) }, v.map { $0.value(precision: p) })
        case let .nearMinimizer(distance, directionU, directionV):
            let minimizer = try Sinkhorn.solve(problem)
            let a: [Real] = directionU.map { $0.value(precision: p) }
            let b: [Real] = directionV.map { $0.value(precision: p) }
            let length = VectorNorms.norm2(a + b, precision: p)
            // A zero direction leaves the start at the minimizer itself.
            let factor = length.isZero ? Real(0, precision: p) : distance.value(precision: p) / length
            let u = (0..<n).map { minimizer.u[$0] + factor * a[$0] }
            let v = (0..<n).map { minimizer.v[$0] + factor * b[$0] }
            return (u, v)
        }
    }
}
