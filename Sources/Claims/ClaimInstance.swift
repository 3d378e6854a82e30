import ArbitraryPrecision
import Campaign
import Construction
import Transport

/// An instance prepared for claim checks: exact points, λ and stepsize from
/// `Instance`, a depth budget, and how the initial duals are chosen.
public struct ClaimInstance: Sendable {
    public enum Start: Sendable {
        /// u^(0), v^(0) as given by the instance (zero when it gives none).
        case fromInstance
        /// (u*, v*) + (δ_u, δ_v) with ‖(δ_u, δ_v)‖₂ = distance, where (u*, v*)
        /// is the balanced minimizer and the direction is drawn from
        /// SplitMix64 with `seed` and kept orthogonal to the line of minimizers,
        /// so `distance` is also the distance to the closest minimizer.
        case nearMinimizer(distance: ExactNumber, seed: UInt64)
    }

    public let instance: Instance
    public let start: Start
    /// Layers run by depth-based checks (L1, T2, S1, M1).
    public let depth: Int

    /// Command-line options that select this instance in `otverify check`;
    /// `--instance NAME` unless set.
    public var selection: String?
    /// Instances of one series differ only in n; the report fits how T2's
    /// implied constant grows with n within a series.
    public var series: String?

    public init(instance: Instance, start: Start = .fromInstance, depth: Int? = nil, selection: String? = nil, series: String? = nil) {
        self.instance = instance
        self.start = start
        self.depth = depth ?? instance.layers
        self.selection = selection
        self.series = series
    }

    public var name: String { instance.name }

    /// The Sinkhorn tolerance of the references inside checks: 2^(32−p), far
    /// below the default 2^(−p/2), so that the reference's truncation error
    /// is not mistaken for rounding when a check compares p and p + 64 bits.
    static func referenceTolerance(precision: Int) -> BigFloat {
        BigFloat.pow(BigFloat(2, precision: precision), BigFloat(32 - precision, precision: precision))
    }

    /// The problem, its Sinkhorn reference and the initial duals at `precision`.
    func setUp(precision: Int) throws -> (problem: TransportProblem<BigFloat>, reference: EntropicPlan<BigFloat>, u0: [BigFloat], v0: [BigFloat]) {
        let problem: TransportProblem<BigFloat> = instance.problem(precision: precision)
        let reference = try Sinkhorn.solve(problem, tolerance: Self.referenceTolerance(precision: precision))
        let (u0, v0) = initialDuals(problem: problem, reference: reference, precision: precision)
        return (problem, reference, u0, v0)
    }

    /// The problem and the initial duals, with no Sinkhorn run unless the
    /// start is placed relative to the minimizer.
    func problemAndStart(precision: Int) throws -> (problem: TransportProblem<BigFloat>, u0: [BigFloat], v0: [BigFloat]) {
        if case .nearMinimizer = start {
            let (problem, _, u0, v0) = try setUp(precision: precision)
            return (problem, u0, v0)
        }
        let problem: TransportProblem<BigFloat> = instance.problem(precision: precision)
        let (u0, v0): ([BigFloat], [BigFloat]) = instance.initialDuals(precision: precision)
        return (problem, u0, v0)
    }

    func initialDuals(problem: TransportProblem<BigFloat>, reference: EntropicPlan<BigFloat>, precision: Int) -> ([BigFloat], [BigFloat]) {
        switch start {
        case .fromInstance:
            return instance.initialDuals(precision: precision)
        case let .nearMinimizer(distance, seed):
            let n = problem.count
            var random = SplitMix64(seed: seed)
            var direction = (0..<(2 * n)).map { _ in BigFloat(random.nextGaussian(), precision: precision) }
            // Remove the component along (1, −1), the line of minimizers.
            var along = BigFloat(0, precision: precision)
            for k in 0..<n { along = along + direction[k] - direction[n + k] }
            along = along / BigFloat(2 * n, precision: precision)
            for k in 0..<n {
                direction[k] = direction[k] - along
                direction[n + k] = direction[n + k] + along
            }
            let length = VectorNorms.norm2(direction, precision: precision)
            let scale = (distance.value(precision: precision) as BigFloat) / length
            let u0 = (0..<n).map { reference.u[$0] + scale * direction[$0] }
            let v0 = (0..<n).map { reference.v[$0] + scale * direction[n + $0] }
            return (u0, v0)
        }
    }

    /// The transformer for a check. T1 uses the generic engine, which
    /// computes softmax_rows(Z Q Zᵀ)·Z·W as written; the depth-based checks use
    /// the factored engine where it applies, which agrees with the generic
    /// one within a test-enforced rounding bound.
    static func transformer(
        _ problem: TransportProblem<BigFloat>, stepsize: BigFloat, u0: [BigFloat], v0: [BigFloat], asWritten: Bool = false
    ) -> Transformer<BigFloat> {
        let engine: LayerEngineKind = !asWritten && FactoredEngine.supports(problem) ? .factored : .generic
        return Transformer(problem: problem, schedule: .constant(stepsize), initialU: u0, initialV: v0, engine: engine)
    }

    /// The command that replays this check from the command line, when the
    /// instance is one of the built-in ones.
    public func replayCommand(claim: ClaimID) -> String {
        "otverify check --claims \(claim.rawValue) " + (selection ?? "--instance \(name)")
    }
}

/// Distances from a dual point to the line of minimizers
/// {(u* + c·1, v* − c·1) : c ∈ R}.
public enum DualMinimizerDistance {
    /// r = 2·‖(u⁰ − u* − c·1, v⁰ − v* + c·1)‖₂ for the given shift c.
    public static func radius(u0: [BigFloat], v0: [BigFloat], minimizer: EntropicPlan<BigFloat>, shift: BigFloat) -> BigFloat {
        let p = shift.precisionBits
        var sum = BigFloat(0, precision: p)
        for i in u0.indices {
            let du = u0[i] - minimizer.u[i] - shift
            let dv = v0[i] - minimizer.v[i] + shift
            sum.addProduct(du, du)
            sum.addProduct(dv, dv)
        }
        return BigFloat(2, precision: p) * BigFloat.sqrt(sum)
    }

    /// The shift c of the closest minimizer: c = (Σ(u⁰ − u*) − Σ(v⁰ − v*)) / (2n).
    public static func closestShift(u0: [BigFloat], v0: [BigFloat], minimizer: EntropicPlan<BigFloat>) -> BigFloat {
        let p = minimizer.precisionBits
        var sum = BigFloat(0, precision: p)
        for i in u0.indices { sum = sum + (u0[i] - minimizer.u[i]) - (v0[i] - minimizer.v[i]) }
        return sum / BigFloat(2 * u0.count, precision: p)
    }
}
