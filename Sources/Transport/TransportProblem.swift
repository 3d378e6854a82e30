import ArbitraryPrecision

/// An entropic optimal transport problem between two equally sized point
/// sets with uniform marginals 1/n:
///
///     minimize ⟨C, P⟩ + λ Σ_ij P_ij log P_ij  over  P ≥ 0, P·1 = Pᵀ·1 = 1/n · 1,
///
/// with the squared Euclidean cost `C_ij = ‖x_i − y_j‖²`. All numbers share
/// one working precision.
public struct TransportProblem<Real: RealNumber>: Sendable {
    /// Source points x_1…x_n, one array of d coordinates each.
    public let source: [[Real]]
    /// Target points y_1…y_n.
    public let target: [[Real]]
    /// The entropic regularization λ > 0, in the units of the cost.
    public let regularization: Real
    /// The cost matrix C, rounded to nearest entry by entry.
    public let cost: Matrix<Real>
    public let precisionBits: Int
    /// K = exp(−C/λ − 1), row-major, or `nil` when an entry underflows or
    /// overflows (possible in `Double` once C/λ exceeds about 708). It lets
    /// `kernelMatrix` use O(n) exponentials instead of n².
    public let kernelBase: [Real]?

    public var count: Int { source.count }
    public var dimension: Int { source.first?.count ?? 0 }

    /// Creates the problem and its cost matrix.
    ///
    /// - Precondition: both sets have the same positive number of points, all
    ///   of one dimension d ≥ 1, and λ > 0. Callers validate user input first
    ///   (the command-line tool reports these as input errors).
    public init(source: [[Real]], target: [[Real]], regularization: Real, precision: Int) {
        precondition(!source.isEmpty && source.count == target.count, "source and target need the same positive number of points")
        let d = source[0].count
        precondition(d >= 1 && (source + target).allSatisfy { $0.count == d }, "all points need the same dimension d ≥ 1")
        precondition(regularization > Real(0, precision: precision), "λ must be positive")

        self.source = source
        self.target = target
        self.regularization = regularization
        self.precisionBits = precision
        let cost = Self.squaredEuclideanCost(source, target, precision: precision)
        self.cost = cost
        let one = Real(1, precision: precision)
        let base = cost.elements.map { entry -> Real in
            var value = -(entry / regularization + one)
            value.formExp()
            return value
        }
        kernelBase = base.allSatisfy { $0.isFinite && !$0.isZero } ? base : nil
    }

    static func squaredEuclideanCost(_ x: [[Real]], _ y: [[Real]], precision: Int) -> Matrix<Real> {
        var cost = Matrix<Real>(rows: x.count, columns: y.count, precision: precision)
        for i in x.indices {
            for j in y.indices {
                var entry = Real(0, precision: precision)
                for k in x[i].indices {
                    let difference = x[i][k] - y[j][k]
                    entry.addProduct(difference, difference)
                }
                cost[i, j] = entry
            }
        }
        return cost
    }

    /// 1/n at the working precision.
    public var uniformMass: Real { Real(1, precision: precisionBits) / Real(count, precision: precisionBits) }
}
