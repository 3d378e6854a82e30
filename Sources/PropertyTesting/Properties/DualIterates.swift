import ArbitraryPrecision
import Construction
import Transport

/// The dual iterates (u^(ℓ), v^(ℓ)), ℓ = 0…L, of a case, from the
/// transformer's u and v columns or from the separately run algorithm, at
/// one working precision, plus the helpers the properties share.
enum DualIterates {
    static func problem(_ testCase: PropertyCase, precision: Int) -> TransportProblem<BigFloat> {
        testCase.problem(precision: precision)
    }

    /// The algorithm's iterates from the case's initial duals, or from
    /// `start` when given, with γ constant.
    static func algorithm<Real: RealNumber>(
        _ testCase: PropertyCase, problem: TransportProblem<Real>, start given: (u: [Real], v: [Real])? = nil
    ) throws -> [(u: [Real], v: [Real])] {
        let start = try given ?? testCase.initialDuals.values(for: problem)
        let gamma: Real = testCase.gamma(precision: problem.precisionBits)
        var descent = DualGradientDescent(problem: problem, initialU: start.u, initialV: start.v)
        var result = [(descent.u, descent.v)]
        for _ in 0..<testCase.layers {
            descent.advance(stepsize: gamma)
            result.append((descent.u, descent.v))
        }
        return result
    }

    /// The transformer after 0, 1, …, L layers.
    static func transformers<Real: RealNumber>(_ testCase: PropertyCase, problem: TransportProblem<Real>) throws -> [Transformer<Real>] {
        let start = try testCase.initialDuals.values(for: problem)
        let gamma: Real = testCase.gamma(precision: problem.precisionBits)
        var transformer = Transformer(problem: problem, schedule: .constant(gamma), initialU: start.u, initialV: start.v)
        var result = [transformer]
        for _ in 0..<testCase.layers {
            try transformer.advance()
            result.append(transformer)
        }
        return result
    }

    /// 2^(−p/2), the tolerance for quantities that should agree up to
    /// rounding at p bits, with half the bits left for error growth.
    static func halfPrecision<Real: RealNumber>(_ precision: Int) -> Real {
        Sinkhorn.defaultTolerance(precision: precision)
    }

    /// 6 significant digits, for messages.
    static func short<Real: RealNumber>(_ value: Real) -> String {
        value.formatted(significantDigits: 6)
    }
}
