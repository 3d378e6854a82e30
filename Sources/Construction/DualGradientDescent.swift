import ArbitraryPrecision
import Transport

/// The algorithm that each layer is claimed to perform, run on its own:
/// gradient descent on the dual L with adaptive per-coordinate stepsizes,
/// both blocks updated from the same iterate. With M = M(u, v), row sums r
/// and column sums c,
///
///     u_i ← u_i − γ_ℓ (r_i − 1/n) / (r_i + 1)
///     v_j ← v_j − γ_ℓ (c_j − 1/n) / (c_j + 1)
public struct DualGradientDescent<Real: RealNumber>: Sendable {
    public let problem: TransportProblem<Real>
    public private(set) var u: [Real]
    public private(set) var v: [Real]
    /// Steps taken so far; the next one uses γ at layer `steps + 1`.
    public private(set) var steps = 0

    public init(problem: TransportProblem<Real>, initialU: [Real], initialV: [Real]) {
        self.problem = problem
        u = initialU
        v = initialV
    }

    /// The iterate (u, v) after one step of the update above from (u, v).
    public static func step(problem: TransportProblem<Real>, u: [Real], v: [Real], stepsize: Real) -> (u: [Real], v: [Real]) {
        let marginals = MarginalErrors(of: problem.kernelMatrix(u: u, v: v), target: problem.uniformMass)
        let uniform = problem.uniformMass
        let one = Real(1, precision: problem.precisionBits)
        let nextU = (0..<problem.count).map { i in
            u[i] - stepsize * (marginals.rowSums[i] - uniform) / (marginals.rowSums[i] + one)
        }
        let nextV = (0..<problem.count).map { j in
            v[j] - stepsize * (marginals.columnSums[j] - uniform) / (marginals.columnSums[j] + one)
        }
        return (nextU, nextV)
    }

    /// Takes one step with stepsize γ.
    public mutating func advance(stepsize: Real) {
        (u, v) = Self.step(problem: problem, u: u, v: v, stepsize: stepsize)
        steps += 1
    }
}
