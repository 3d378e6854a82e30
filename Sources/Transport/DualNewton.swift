import ArbitraryPrecision

/// Damped Newton steps on the entropic dual L, used to finish Sinkhorn when
/// its linear rate is slow (plans close to a permutation, where Sinkhorn
/// can need millions of iterations).
///
/// With M = M(u, v), r = M·1 and c = Mᵀ·1, the gradient of L is
/// g = (r − 1/n, c − 1/n) and its Hessian is (1/λ)[[diag r, M], [Mᵀ, diag c]].
/// The Hessian is singular along (1, −1), the line of minimizers, so the last
/// v coordinate is held fixed and the remaining 2n − 1 equations are solved by
/// Gaussian elimination with partial pivoting. The step is scaled down until
/// L or the largest marginal error decreases (backtracking): halved 40
/// times, then divided by 2^16 at a time down to 2^−392.
enum DualNewton {
    static func step<Real: RealNumber>(_ problem: TransportProblem<Real>, u: [Real], v: [Real]) -> (u: [Real], v: [Real])? {
        let n = problem.count
        let p = problem.precisionBits
        guard n >= 2 else { return nil }
        let kernel = problem.kernelMatrix(u: u, v: v)
        let marginals = MarginalErrors(of: kernel, target: problem.uniformMass)
        let size = 2 * n - 1

        // λ·H restricted to (u_0…u_{n−1}, v_0…v_{n−2}); right side −λ·g.
        var system = Matrix<Real>(rows: size, columns: size + 1, precision: p)
        for i in 0..<n {
            system[i, i] = marginals.rowSums[i]
            for j in 0..<(n - 1) {
                system[i, n + j] = kernel[i, j]
                system[n + j, i] = kernel[i, j]
            }
            system[i, size] = -problem.regularization * (marginals.rowSums[i] - problem.uniformMass)
        }
        for j in 0..<(n - 1) {
            system[n + j, n + j] = marginals.columnSums[j]
            system[n + j, size] = -problem.regularization * (marginals.columnSums[j] - problem.uniformMass)
        }
        guard let direction = LinearSolve.gaussianElimination(system) else { return nil }

        // Near the tolerance the decrease of L is comparable to its rounding,
        // so a step is also accepted when it lowers the marginal error.
        let current = problem.dualObjective(u: u, v: v, kernel: kernel)
        let currentError = marginals.maxError
        // Scales 1, 2^−1, …, 2^−40, then 2^−56, 2^−72, …, 2^−392: nearly
        // decoupled blocks of the plan make the Hessian nearly singular in
        // directions other than (1, −1), and the accepted step can be far
        // below 2^−40 of the Newton step.
        var scale = Real(1, precision: p)
        let half = Real(1, precision: p) / Real(2, precision: p)
        let coarse = Real.pow(half, Real(16, precision: p))
        for attempt in 0..<63 {
            let nextU = (0..<n).map { u[$0] + scale * direction[$0] }
            let nextV = (0..<n).map { $0 < n - 1 ? v[$0] + scale * direction[n + $0] : v[$0] }
            let nextKernel = problem.kernelMatrix(u: nextU, v: nextV)
            if problem.dualObjective(u: nextU, v: nextV, kernel: nextKernel) < current
                || MarginalErrors(of: nextKernel, target: problem.uniformMass).maxError < currentError {
                return (nextU, nextV)
            }
            scale = scale * (attempt < 40 ? half : coarse)
        }
        return nil
    }
}

enum LinearSolve {
    /// Solves A x = b for the augmented matrix [A | b] (size × size + 1) by
    /// Gaussian elimination with partial pivoting; `nil` when a pivot is zero.
    static func gaussianElimination<Real: RealNumber>(_ augmented: Matrix<Real>) -> [Real]? {
        var a = augmented
        let size = a.rows
        for column in 0..<size {
            var pivot = column
            for row in (column + 1)..<size where a[pivot, column].magnitude < a[row, column].magnitude { pivot = row }
            if a[pivot, column].isZero { return nil }
            if pivot != column {
                for k in column...size { (a[pivot, k], a[column, k]) = (a[column, k], a[pivot, k]) }
            }
            for row in (column + 1)..<size where !a[row, column].isZero {
                let factor = -(a[row, column] / a[column, column])
                for k in column...size where !a[column, k].isZero {
                    a.elements[row * a.columns + k].addProduct(factor, a[column, k])
                }
            }
        }
        var solution = [Real](repeating: Real(0, precision: a.precisionBits), count: size)
        for row in stride(from: size - 1, through: 0, by: -1) {
            var sum = a[row, size]
            for k in (row + 1)..<size { sum = sum - a[row, k] * solution[k] }
            solution[row] = sum / a[row, row]
        }
        return solution
    }
}
