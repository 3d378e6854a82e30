import ArbitraryPrecision
import Construction
import Transport

/// Claim T1, locally: one transformer layer applied to tokens whose u and v
/// columns hold (u, v) gives the same u, v columns as one
/// `DualGradientDescent.step` from (u, v), up to 2^(−p/2)·(1 + max|u, v|).
enum LayerAgreementProperties {
    /// Layer 1 only, where token n + 1 still has u = v = 0.
    static let firstLayer = Property(
        name: "t1-first-layer", claim: "T1",
        summary: "layer 1 equals one dual gradient step from the initial duals (tolerance 2^(-p/2)(1 + max|u, v|))"
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        var single = testCase
        single.layers = 1
        let transformers = try DualIterates.transformers(single, problem: problem)
        return compare(transformers, upTo: 1, gamma: testCase.gamma(precision: precision))
    }

    /// Every layer ℓ ≤ L, each from the transformer's own u, v before it.
    /// Expected to fail from layer 2 on: token n + 1's u and v drift from 0,
    /// so key n + 1 no longer contributes the term that makes the adaptive
    /// stepsize 1/(r_i + 1).
    static let everyLayer = Property(
        name: "t1-every-layer", claim: "T1",
        summary: "every layer equals one dual gradient step from the previous layer's u, v columns (tolerance 2^(-p/2)(1 + max|u, v|))",
        expectation: .counterexampleExpected
    ) { testCase, precision in
        let problem = DualIterates.problem(testCase, precision: precision)
        let transformers = try DualIterates.transformers(testCase, problem: problem)
        return compare(transformers, upTo: testCase.layers, gamma: testCase.gamma(precision: precision))
    }

    static func compare(_ transformers: [Transformer<BigFloat>], upTo depth: Int, gamma: BigFloat) -> Verdict {
        let p = gamma.precisionBits
        let tolerance: BigFloat = DualIterates.halfPrecision(p)
        for layer in 1...depth {
            let before = transformers[layer - 1]
            let after = transformers[layer]
            let step = DualGradientDescent.step(problem: before.problem, u: before.u, v: before.v, stepsize: gamma)
            let scale = BigFloat(1, precision: p) + VectorNorms.maxNorm(after.u + after.v, precision: p)
            let deviation = BigFloat.maximum(
                VectorNorms.maxDistance(after.u, step.u, precision: p),
                VectorNorms.maxDistance(after.v, step.v, precision: p))
            if deviation > tolerance * scale {
                let extra = before.extraTokenDuals
                return .fail("layer \(layer) differs from one step by \(DualIterates.short(deviation)); token n+1 had u = \(DualIterates.short(extra.u)), v = \(DualIterates.short(extra.v))")
            }
        }
        return .pass
    }
}
