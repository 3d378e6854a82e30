import ArbitraryPrecision
import Transport

/// Hilbert's projective metric and the Birkhoff–Hopf contraction ratio.
public enum HilbertMetric {
    /// μ(A, B) = log max_ij (A_ij / B_ij) − log min_ij (A_ij / B_ij) for
    /// entrywise positive A and B of one shape. μ is invariant under scaling
    /// either matrix, and μ(A, B) = 0 exactly when A = c·B.
    public static func distance(_ a: Matrix<BigFloat>, _ b: Matrix<BigFloat>) -> BigFloat {
        precondition(a.rows == b.rows && a.columns == b.columns, "matrices of different shapes")
        var largest = a.elements[0] / b.elements[0]
        var smallest = largest
        for index in a.elements.indices.dropFirst() {
            let ratio = a.elements[index] / b.elements[index]
            largest = BigFloat.maximum(largest, ratio)
            smallest = BigFloat.minimum(smallest, ratio)
        }
        return BigFloat.log(largest) - BigFloat.log(smallest)
    }

    /// Δ = max_{i,j,k,l} log(K_ik K_jl / (K_il K_jk)) for K = exp(−C/λ), the
    /// projective diameter of K, computed as
    /// max_{i,j} [max_l (C_il − C_jl) − min_k (C_ik − C_jk)] / λ in O(n³).
    public static func projectiveDiameter(cost: Matrix<BigFloat>, lambda: BigFloat) -> BigFloat {
        var diameter = BigFloat(0, precision: lambda.precisionBits)
        for i in 0..<cost.rows {
            for j in 0..<cost.rows where j != i {
                var largest = cost[i, 0] - cost[j, 0]
                var smallest = largest
                for l in 1..<cost.columns {
                    let difference = cost[i, l] - cost[j, l]
                    largest = BigFloat.maximum(largest, difference)
                    smallest = BigFloat.minimum(smallest, difference)
                }
                diameter = BigFloat.maximum(diameter, largest - smallest)
            }
        }
        return diameter / lambda
    }

    /// η = tanh(Δ/4), the contraction of one row or column rescaling
    /// (Birkhoff–Hopf; Franklin and Lorenz, 1989).
    public static func contractionRatio(cost: Matrix<BigFloat>, lambda: BigFloat) -> BigFloat {
        let four = BigFloat(4, precision: lambda.precisionBits)
        return BigFloat.tanh(projectiveDiameter(cost: cost, lambda: lambda) / four)
    }
}
