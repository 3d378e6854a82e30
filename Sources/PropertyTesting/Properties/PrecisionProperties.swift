import ArbitraryPrecision
import Transport

/// Float64 against MPFR on the same exact input.
enum PrecisionProperties {
    /// Where max C/λ ≤ 100, Sinkhorn in float64 (tolerance 2^(−26.5)) and in
    /// MPFR agree: ‖P64 − P‖₁ ≤ 1e-6. Cases with larger C/λ are discarded.
    static let planAgrees = Property(
        name: "f64-plan-agrees", claim: "precision",
        summary: "for max C/λ ≤ 100, float64 Sinkhorn converges and its plan is within 1e-6 of MPFR's in ℓ1"
    ) { testCase, precision in
        guard testCase.maxCostOverLambda <= 100 else { return .discard("max C/λ above 100") }
        let problem = DualIterates.problem(testCase, precision: precision)
        let reference = try Sinkhorn.solve(problem)
        let doubleProblem: TransportProblem<Double> = testCase.problem(precision: 53)
        let plan64: EntropicPlan<Double>
        do {
            plan64 = try Sinkhorn.solve(doubleProblem)
        } catch {
            return .fail("float64: \(error)")
        }
        var distance = 0.0
        for (a, b) in zip(plan64.plan.elements, reference.plan.elements) { distance += abs(a - b.doubleValue) }
        guard distance <= 1e-6 else { return .fail("‖P64 − P‖₁ = \(Double(distance).formatted(significantDigits: 6)) exceeds 1e-6") }
        return .pass
    }

    /// Along the dual gradient descent, the sign of L(ℓ) − L(ℓ−1) computed
    /// in float64 equals its sign in MPFR. Expected to fail once the steps
    /// change L by less than float64 resolves: near convergence, or when
    /// |L| is large against its change. A layer counts only where MPFR's own
    /// sign is certain: its change at p bits exceeds 8 times its difference
    /// from the change at p + 64 bits.
    static let objectiveSign = Property(
        name: "f64-objective-sign", claim: "precision",
        summary: "the sign of each change of L along the dual gradient descent is the same in float64 and MPFR",
        expectation: .counterexampleExpected,
        settings: .nearConvergence
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let exact = try DualIterates.algorithm(testCase, problem: problem)
        let finer = DualIterates.problem(testCase, precision: precision + 64)
        let finerIterates = try DualIterates.algorithm(testCase, problem: finer)
        // float64 starts from the MPFR start rounded to double, so both runs
        // have the same input.
        let doubleProblem: TransportProblem<Double> = testCase.problem(precision: 53)
        let doubleStart = (u: exact[0].u.map(\.doubleValue), v: exact[0].v.map(\.doubleValue))
        let rough = try DualIterates.algorithm(testCase, problem: doubleProblem, start: doubleStart)
        let factor = BigFloat(8, precision: precision)
        for layer in 1..<exact.count {
            let change = problem.dualObjective(u: exact[layer].u, v: exact[layer].v) - problem.dualObjective(u: exact[layer - 1].u, v: exact[layer - 1].v)
            let finerChange = finer.dualObjective(u: finerIterates[layer].u, v: finerIterates[layer].v)
                - finer.dualObjective(u: finerIterates[layer - 1].u, v: finerIterates[layer - 1].v)
            let estimate = (change - finerChange.rounded(toPrecision: precision)).magnitude
            guard change.magnitude > factor * estimate else { continue }
            let change64 = doubleProblem.dualObjective(u: rough[layer].u, v: rough[layer].v) - doubleProblem.dualObjective(u: rough[layer - 1].u, v: rough[layer - 1].v)
            if sign(change.doubleValue) != sign(change64) {
                return .fail("at layer \(layer) L changes by \(DualIterates.short(change)) in MPFR but by \(change64.formatted(significantDigits: 6)) in float64")
            }
        }
        return .pass
    }

    /// Whenever Sinkhorn converges in MPFR to 2^(−p/2), it converges in
    /// float64 to 2^(−26.5). Tested down to λ = 10^-4 of the mean cost.
    static let sinkhornConverges = Property(
        name: "f64-sinkhorn-converges", claim: "precision",
        summary: "float64 Sinkhorn reaches 2^(-26.5) wherever MPFR Sinkhorn reaches 2^(-p/2)",
        settings: GeneratorSettings(lambdaDecades: -4...0, layerBudgets: [1], initialDualKinds: ["zero"])
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        _ = try Sinkhorn.solve(problem)
        let doubleProblem: TransportProblem<Double> = testCase.problem(precision: 53)
        do {
            _ = try Sinkhorn.solve(doubleProblem, maxIterations: 20_000)
        } catch {
            return .fail("float64: \(error)")
        }
        return .pass
    }

    static func sign(_ value: Double) -> Int { value > 0 ? 1 : (value < 0 ? -1 : 0) }
}
