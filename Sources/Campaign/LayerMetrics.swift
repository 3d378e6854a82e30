import ArbitraryPrecision
import Transport

/// The measurements taken after `layer` hidden layers. Distances to P*_λ are
/// entrywise ℓ1 norms; all values are at the run's working precision.
public struct LayerMetrics<Real: RealNumber>: Sendable {
    public let layer: Int
    /// ‖M^(ℓ) − P*_λ‖₁ for the transformer's duals.
    public let kernelError: Real
    /// ‖A^(ℓ)/n − P*_λ‖₁, A^(ℓ) being head U's attention restricted to keys 1..n.
    public let attentionError: Real
    /// max_i |r_i − 1/n| and max_j |c_j − 1/n| of M^(ℓ).
    public let maxRowError: Real
    public let maxColumnError: Real
    /// L(u^(ℓ), v^(ℓ)) for the transformer's duals.
    public let dualObjective: Real
    /// max over i of |u_i − u_i^alg| and |v_i − v_i^alg| against the
    /// separately run algorithm after the same number of steps.
    public let algorithmDeviation: Real
    /// ‖M_alg^(ℓ) − P*_λ‖₁ for the separately run algorithm.
    public let algorithmKernelError: Real
    /// L at the separately run algorithm's iterate.
    public let algorithmDualObjective: Real
    /// max_i |readout_i − x matched to target i by the optimal assignment|;
    /// for d = 1 with increasing targets this is the error against the sorted
    /// list. `nil` for d > 1.
    public let readoutError: Real?
    /// The u and v entries of token n + 1.
    public let extraTokenU: Real
    public let extraTokenV: Real
}

/// The layers at which metrics are taken: 0, then 1, 2, 5, 10, 20, 50, …
/// below `depth`, then `depth` itself.
public func reportedLayers(depth: Int) -> [Int] {
    var layers = [0]
    var decade = 1
    while decade < depth {
        for factor in [1, 2, 5] where factor * decade < depth {
            layers.append(factor * decade)
        }
        decade *= 10
    }
    if depth > 0 { layers.append(depth) }
    return layers
}
