import ArbitraryPrecision
import Campaign
import Transport

/// Invariants of the reference solver `Sinkhorn.solve`. Plans are solved to
/// the marginal tolerance 2^(−3p/4) and compared in the entrywise ℓ1 norm
/// with tolerance n·2^(−p/4), which leaves 2^(p/2) for the conditioning of
/// the map from marginals to plan.
enum ReferenceSolverProperties {
    static func solve(_ problem: TransportProblem<BigFloat>) throws -> EntropicPlan<BigFloat> {
        let p = problem.precisionBits
        let tolerance = BigFloat.pow(BigFloat(2, precision: p), BigFloat(-3 * p, precision: p) / BigFloat(4, precision: p))
        return try Sinkhorn.solve(problem, tolerance: tolerance)
    }

    static func planTolerance(_ problem: TransportProblem<BigFloat>) -> BigFloat {
        BigFloat(problem.count, precision: problem.precisionBits) * BigFloat.sqrt(DualIterates.halfPrecision(problem.precisionBits))
    }

    static func problem(source: [[BigFloat]], target: [[BigFloat]], lambda: BigFloat) -> TransportProblem<BigFloat> {
        TransportProblem(source: source, target: target, regularization: lambda, precision: lambda.precisionBits)
    }

    /// Sinkhorn converges, and the plan that its duals define has row and
    /// column sums within 2^(−p/2) of 1/n. The check is independent of the
    /// solver's own: M(u*, v*) is rebuilt from the returned duals at p + 64
    /// bits, with the direct formula exp((−C + u + v)/λ − 1), on the problem
    /// re-parsed at that precision.
    static let marginals = Property(
        name: "reference-marginals", claim: "reference",
        summary: "Sinkhorn converges, and M(u*, v*) rebuilt at p + 64 bits has row and column sums within 2^(-p/2) of 1/n"
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let plan: EntropicPlan<BigFloat>
        do {
            plan = try Sinkhorn.solve(problem)
        } catch {
            return .fail("\(error)")
        }
        let finer = DualIterates.problem(testCase, precision: precision + 64)
        let rebuilt = finer.directKernel(
            u: plan.u.map { $0.rounded(toPrecision: precision + 64) },
            v: plan.v.map { $0.rounded(toPrecision: precision + 64) })
        let error = MarginalErrors(of: rebuilt, target: finer.uniformMass).maxError
        guard error <= DualIterates.halfPrecision(precision) else {
            return .fail("largest marginal error \(DualIterates.short(error)) exceeds 2^(-p/2)")
        }
        return .pass
    }

    /// P*(x_σ) = P*(x) with rows permuted by σ, σ drawn from the auxiliary seed.
    static let permutation = Property(
        name: "reference-permutation", claim: "reference",
        summary: "permuting the source points permutes the plan's rows (tolerance n·2^(-p/4) in ℓ1)"
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        var random = SplitMix64(seed: testCase.auxiliarySeed)
        let sigma = random.permutation(of: problem.count)
        let permuted = Self.problem(source: sigma.map { problem.source[$0] }, target: problem.target, lambda: problem.regularization)
        let plan = try solve(problem).plan
        let permutedPlan = try solve(permuted).plan
        var distance = BigFloat(0, precision: precision)
        for i in 0..<problem.count {
            for j in 0..<problem.count { distance.add((permutedPlan[i, j] - plan[sigma[i], j]).magnitude) }
        }
        return compare(distance, problem, what: "permuting the sources by \(sigma.map { $0 + 1 })")
    }

    /// Translating x and y by the same t leaves C, hence P*, unchanged.
    /// t_k = g_k·(1 + max|coordinate|) with g_k ~ N(0, 1) from the auxiliary seed.
    static let translation = Property(
        name: "reference-translation", claim: "reference",
        summary: "translating both point sets by one vector leaves P* unchanged (tolerance n·2^(-p/4) in ℓ1)"
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        var random = SplitMix64(seed: testCase.auxiliarySeed)
        let size = BigFloat(1, precision: precision) + VectorNorms.maxNorm((problem.source + problem.target).flatMap { $0 }, precision: precision)
        let shift = (0..<problem.dimension).map { _ in BigFloat(random.nextGaussian(), precision: precision) * size }
        func moved(_ points: [[BigFloat]]) -> [[BigFloat]] { points.map { zip($0, shift).map { $0 + $1 } } }
        let translated = Self.problem(source: moved(problem.source), target: moved(problem.target), lambda: problem.regularization)
        let distance = VectorNorms.entrywiseL1Distance(try solve(problem).plan, try solve(translated).plan)
        return compare(distance, problem, what: "translating by \(shift.map { DualIterates.short($0) })")
    }

    /// Scaling the points by s and λ by s² scales C/λ by 1, so P* is
    /// unchanged. s is one of 3, 0.1, 10, 0.7, chosen by the auxiliary seed.
    static let scaling = Property(
        name: "reference-scaling", claim: "reference",
        summary: "scaling the points by s and λ by s² leaves P* unchanged (tolerance n·2^(-p/4) in ℓ1)"
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let factors = ["3", "0.1", "10", "0.7"]
        var random = SplitMix64(seed: testCase.auxiliarySeed)
        let text = factors[random.nextInt(below: factors.count)]
        let s = try BigFloat(decimal: text, precision: precision)
        func scaled(_ points: [[BigFloat]]) -> [[BigFloat]] { points.map { $0.map { $0 * s } } }
        let rescaled = Self.problem(source: scaled(problem.source), target: scaled(problem.target), lambda: problem.regularization * s * s)
        let distance = VectorNorms.entrywiseL1Distance(try solve(problem).plan, try solve(rescaled).plan)
        return compare(distance, problem, what: "scaling by s = \(text)")
    }

    static func compare(_ distance: BigFloat, _ problem: TransportProblem<BigFloat>, what: String) -> Verdict {
        let tolerance = planTolerance(problem)
        guard distance <= tolerance else {
            return .fail("\(what) changes P* by \(DualIterates.short(distance)) in ℓ1 (tolerance \(DualIterates.short(tolerance)))")
        }
        return .pass
    }
}
