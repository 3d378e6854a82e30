import ArbitraryPrecision
import Transport

/// The engineered prompt Z ∈ R^{(n+1) × m}.
///
/// Token i = 1..n carries `x_i, y_i, ‖x_i‖², ‖y_i‖², 1, 1, 1, 1, u_i, v_i, 0`.
/// Token n + 1 is zero except `mass = −1/n`; its u and v start at 0.
public enum Prompt {
    public static func make<Real: RealNumber>(
        problem: TransportProblem<Real>, initialU: [Real], initialV: [Real]
    ) -> Matrix<Real> {
        let n = problem.count
        let d = problem.dimension
        let p = problem.precisionBits
        precondition(initialU.count == n && initialV.count == n, "initial duals need n = \(n) entries")

        let layout = PromptLayout(dimension: d)
        let one = Real(1, precision: p)
        var z = Matrix<Real>(rows: n + 1, columns: layout.width, precision: p)
        for i in 0..<n {
            var normX = Real(0, precision: p)
            var normY = Real(0, precision: p)
            for k in 0..<d {
                z[i, layout.x(k)] = problem.source[i][k]
                z[i, layout.y(k)] = problem.target[i][k]
                normX.addProduct(problem.source[i][k], problem.source[i][k])
                normY.addProduct(problem.target[i][k], problem.target[i][k])
            }
            z[i, layout.nx] = normX
            z[i, layout.ny] = normY
            z[i, layout.oneA] = one
            z[i, layout.oneB] = one
            z[i, layout.oneC] = one
            z[i, layout.mass] = one
            z[i, layout.u] = initialU[i]
            z[i, layout.v] = initialV[i]
        }
        z[n, layout.mass] = -problem.uniformMass
        return z
    }
}
