import ArbitraryPrecision

/// The dual of entropic OT in minimization form,
///
///     L(u, v) = λ Σ_ij M_ij − (1/n) Σ_i u_i − (1/n) Σ_j v_j,
///     M(u, v)_ij = exp((−C_ij + u_i + v_j)/λ − 1),
///
/// whose gradient is `(M·1 − 1/n, Mᵀ·1 − 1/n)`. L is convex, and (u, v)
/// minimizes it exactly when M(u, v) has marginals 1/n, where M(u, v) = P*_λ.
extension TransportProblem {
    /// The matrix M(u, v).
    ///
    /// When the cost allows (see `TransportProblem.kernelBase`), each entry is
    /// (K_ij · exp(u_i/λ)) · exp(v_j/λ) with K = exp(−C/λ − 1) computed once, so
    /// a call costs 2n exponentials and 2n² products: four roundings to
    /// nearest per entry, so a relative error of a few units in the last
    /// place. Otherwise, and whenever a factor or an entry underflows or
    /// overflows, every entry is exp((−C_ij + u_i + v_j)/λ − 1), one `exp`.
    public func kernelMatrix(u: [Real], v: [Real]) -> Matrix<Real> {
        precondition(u.count == count && v.count == count, "dual vectors need n = \(count) entries")
        if let kernelBase, let factored = factoredKernel(kernelBase, u: u, v: v) { return factored }
        return directKernel(u: u, v: v)
    }

    /// M(u, v) with one `exp` per entry, exp((−C_ij + u_i + v_j)/λ − 1),
    /// whatever the cost; an independent evaluation of `kernelMatrix`.
    public func directKernel(u: [Real], v: [Real]) -> Matrix<Real> {
        let one = Real(1, precision: precisionBits)
        var result = Matrix<Real>(rows: count, columns: count, precision: precisionBits)
        for i in 0..<count {
            for j in 0..<count {
                var entry = (u[i] + v[j] - cost[i, j]) / regularization - one
                entry.formExp()
                result[i, j] = entry
            }
        }
        return result
    }

    func factoredKernel(_ base: [Real], u: [Real], v: [Real]) -> Matrix<Real>? {
        func scaledExp(_ value: Real) -> Real {
            var result = value / regularization
            result.formExp()
            return result
        }
        let rowFactors = u.map(scaledExp)
        let columnFactors = v.map(scaledExp)
        guard (rowFactors + columnFactors).allSatisfy({ $0.isFinite && !$0.isZero }) else { return nil }

        // (K_ij · a_i) · b_j, rounded twice, into storage allocated once.
        var result = Matrix<Real>(rows: count, columns: count, precision: precisionBits)
        var scratch = Real(0, precision: precisionBits)
        for i in 0..<count {
            for j in 0..<count {
                scratch.assignProduct(base[i * count + j], rowFactors[i])
                result.elements[i * count + j].assignProduct(scratch, columnFactors[j])
                guard result.elements[i * count + j].isFinite && !result.elements[i * count + j].isZero else { return nil }
            }
        }
        return result
    }

    /// The dual objective L(u, v).
    public func dualObjective(u: [Real], v: [Real]) -> Real {
        dualObjective(u: u, v: v, kernel: kernelMatrix(u: u, v: v))
    }

    /// The dual objective L(u, v) from an already computed M(u, v).
    public func dualObjective(u: [Real], v: [Real], kernel: Matrix<Real>) -> Real {
        var mass = Real(0, precision: precisionBits)
        for entry in kernel.elements { mass.add(entry) }
        var potentials = Real(0, precision: precisionBits)
        for value in u { potentials.add(value) }
        for value in v { potentials.add(value) }
        return regularization * mass - potentials * uniformMass
    }
}

/// Row and column sums of a matrix and their deviation from the uniform
/// marginal 1/n.
public struct MarginalErrors<Real: RealNumber>: Sendable {
    public let rowSums: [Real]
    public let columnSums: [Real]
    /// max_i |r_i − 1/n|.
    public let maxRowError: Real
    /// max_j |c_j − 1/n|.
    public let maxColumnError: Real
    /// ‖r − 1/n‖₂.
    public let rowErrorNorm2: Real
    /// ‖c − 1/n‖₂.
    public let columnErrorNorm2: Real

    public init(of matrix: Matrix<Real>, target: Real) {
        let precision = matrix.precisionBits
        rowSums = (0..<matrix.rows).map { i in
            var sum = Real(0, precision: precision)
            for j in 0..<matrix.columns { sum.add(matrix[i, j]) }
            return sum
        }
        columnSums = (0..<matrix.columns).map { j in
            var sum = Real(0, precision: precision)
            for i in 0..<matrix.rows { sum.add(matrix[i, j]) }
            return sum
        }
        let rowDeviations = rowSums.map { $0 - target }
        let columnDeviations = columnSums.map { $0 - target }
        maxRowError = VectorNorms.maxNorm(rowDeviations, precision: precision)
        maxColumnError = VectorNorms.maxNorm(columnDeviations, precision: precision)
        rowErrorNorm2 = VectorNorms.norm2(rowDeviations, precision: precision)
        columnErrorNorm2 = VectorNorms.norm2(columnDeviations, precision: precision)
    }

    /// The larger of the largest row and column errors.
    public var maxError: Real { Real.maximum(maxRowError, maxColumnError) }
}
