import ArbitraryPrecision
import Transport

/// Claim M1: the dual objective L(u^(ℓ), v^(ℓ)) does not increase from layer
/// to layer, and the last layer's ‖M^(ℓ) − P*_λ‖₁ does not increase.
enum MonotonicityProperties {
    /// L(ℓ) ≤ L(ℓ − 1) + 2^(−p/2)·(1 + |L(ℓ − 1)|) for the separately run
    /// algorithm, every ℓ ≤ L.
    static let objectiveAlgorithm = Property(
        name: "m1-objective-algorithm", claim: "M1",
        summary: "L(u, v) does not increase along the dual gradient descent (tolerance 2^(-p/2)(1 + |L|))",
        expectation: .counterexampleExpected,
        settings: .largeSteps
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let iterates = try DualIterates.algorithm(testCase, problem: problem)
        return objectiveNonIncreasing(iterates, problem: problem)
    }

    /// The same for the u and v columns of the transformer's tokens.
    static let objectiveTransformer = Property(
        name: "m1-objective-transformer", claim: "M1",
        summary: "L(u, v) of the transformer's u, v columns does not increase with depth (tolerance 2^(-p/2)(1 + |L|))",
        expectation: .counterexampleExpected
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let iterates = try DualIterates.transformers(testCase, problem: problem).map { ($0.u, $0.v) }
        return objectiveNonIncreasing(iterates, problem: problem)
    }

    /// ‖M^(ℓ) − P*_λ‖₁ ≤ ‖M^(ℓ−1) − P*_λ‖₁ + n·2^(−p/4) for the transformer.
    /// The slack covers P*_λ itself, whose marginals are exact to 2^(−p/2).
    static let lastLayerError = Property(
        name: "m1-last-layer-error", claim: "M1",
        summary: "the transformer's ‖M − P*‖₁ does not increase with depth (tolerance n·2^(-p/4))",
        expectation: .counterexampleExpected
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let reference = try Sinkhorn.solve(problem)
        let iterates = try DualIterates.transformers(testCase, problem: problem)
        let slack = BigFloat(problem.count, precision: precision) * BigFloat.sqrt(DualIterates.halfPrecision(precision))
        var previous: BigFloat? = nil
        for (layer, transformer) in iterates.enumerated() {
            let error = VectorNorms.entrywiseL1Distance(transformer.kernel, reference.plan)
            if let previous, error > previous + slack {
                return .fail("‖M − P*‖₁ rises at layer \(layer): \(DualIterates.short(previous)) → \(DualIterates.short(error))")
            }
            previous = error
        }
        return .pass
    }

    static func objectiveNonIncreasing(_ iterates: [(u: [BigFloat], v: [BigFloat])], problem: TransportProblem<BigFloat>) -> Verdict {
        let tolerance: BigFloat = DualIterates.halfPrecision(problem.precisionBits)
        let one = BigFloat(1, precision: problem.precisionBits)
        var previous: BigFloat? = nil
        for (layer, duals) in iterates.enumerated() {
            let objective = problem.dualObjective(u: duals.u, v: duals.v)
            if let previous, objective - previous > tolerance * (one + previous.magnitude) {
                return .fail("L rises at layer \(layer): \(DualIterates.short(previous)) → \(DualIterates.short(objective)) (increase \(DualIterates.short(objective - previous)))")
            }
            previous = objective
        }
        return .pass
    }
}
