import ArbitraryPrecision
import Transport

/// As λ shrinks, ⟨C, P*_λ⟩ approaches the optimal assignment's cost OT.
///
/// Because P*_λ minimizes ⟨C, P⟩ − λH(P) with H(P) = −Σ P log P, comparing
/// with the assignment plan (H = log n) and using H(P) ≤ 2 log n gives
/// 0 ≤ ⟨C, P*_λ⟩ − OT ≤ λ log n. The gap is also non-decreasing in λ.
/// Checked at λ and λ/4, with slack 2^(−p/4)·(1 + max C) for the plan's
/// marginal error.
enum SmallLambdaProperty {
    static let property = Property(
        name: "reference-small-lambda", claim: "reference",
        summary: "0 ≤ ⟨C, P*_λ⟩ − OT ≤ λ log n at λ and λ/4, and the gap shrinks with λ"
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let optimum = problem.optimalAssignment().cost
        let largestCost = problem.cost.elements.reduce(BigFloat(0, precision: precision)) { BigFloat.maximum($0, $1) }
        let slack = BigFloat.sqrt(DualIterates.halfPrecision(precision)) * (BigFloat(1, precision: precision) + largestCost)
        let logN = BigFloat.log(BigFloat(problem.count, precision: precision))

        var gaps: [BigFloat] = []
        for divisor in [1, 4] {
            let lambda = problem.regularization / BigFloat(divisor, precision: precision)
            let scaled = ReferenceSolverProperties.problem(source: problem.source, target: problem.target, lambda: lambda)
            let plan = try ReferenceSolverProperties.solve(scaled).plan
            var cost = BigFloat(0, precision: precision)
            for (c, p) in zip(problem.cost.elements, plan.elements) { cost.addProduct(c, p) }
            let gap = cost - optimum
            if gap < -slack || gap > lambda * logN + slack {
                return .fail("at λ = \(DualIterates.short(lambda)) the gap ⟨C, P*⟩ − OT = \(DualIterates.short(gap)) is outside [0, λ log n = \(DualIterates.short(lambda * logN))]")
            }
            gaps.append(gap)
        }
        if gaps[1] > gaps[0] + slack {
            return .fail("the gap grows from \(DualIterates.short(gaps[0])) to \(DualIterates.short(gaps[1])) when λ shrinks to λ/4")
        }
        return .pass
    }
}
