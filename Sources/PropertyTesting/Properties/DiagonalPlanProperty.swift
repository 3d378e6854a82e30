import ArbitraryPrecision
import Transport

/// A deliberately false statement, kept to show that the runner finds and
/// shrinks counterexamples: "P*_λ is diagonal", that is every off-diagonal
/// entry is at most 2^(−p/2). With n = 1 it holds, so a minimal
/// counterexample has exactly 2 points.
enum DiagonalPlanProperty {
    static let property = Property(
        name: "diagonal-plan", claim: "false",
        summary: "deliberately false: every off-diagonal entry of P*_λ is at most 2^(-p/2)",
        expectation: .counterexampleExpected
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let plan = try Sinkhorn.solve(problem).plan
        let tolerance: BigFloat = DualIterates.halfPrecision(precision)
        for i in 0..<plan.rows {
            for j in 0..<plan.columns where i != j && plan[i, j] > tolerance {
                return .fail("P*[\(i + 1), \(j + 1)] = \(DualIterates.short(plan[i, j])) is off the diagonal")
            }
        }
        return .pass
    }
}
