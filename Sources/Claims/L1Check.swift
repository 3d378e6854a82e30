import ArbitraryPrecision
import Construction
import Transport

/// L1: approximate double stochasticity with an explicit ε.
///
/// With r = 2·‖(u⁰ − u*, v⁰ − v*)‖₂ for a dual minimizer (u*, v*), the
/// constant stepsize γ = 1 / ((n + 2)·e^{2r/λ}) and ε(ℓ)² = 3·n·r·e^{3r/λ}/ℓ,
/// the claim is that for every ℓ ≥ 1 some layer k ≤ ℓ (k = 0 included) has
/// row and column sums within ε(ℓ) of 1/n. The margin at ℓ is
/// ε(ℓ) − min_{k ≤ ℓ} e(k), with e(k) the larger of the row-sum and column-sum
/// errors of the object in the chosen norm.
///
/// Readings, since the published statement leaves them open: the norm (ℓ2 of
/// the error vectors, or max), the minimizer defining r (the closest one on
/// the line of minimizers, or the balanced one with Σu* = Σv*), the object
/// (M^(k), or A^(k)/n with A the row-normalized kernel), and the run (the
/// transformer, or the separately run algorithm).
public enum L1Check {
    enum Norm: String, CaseIterable { case l2 = "ℓ2", max = "max" }
    enum Object: String, CaseIterable { case kernel = "M^(k)", attention = "A^(k)/n" }
    enum Run: String, CaseIterable { case transformer, algorithm }
    enum Minimizer: String, CaseIterable { case closest, balanced }

    struct Reading {
        let minimizer: Minimizer
        let run: Run
        let object: Object
        let norm: Norm
        var label: String { "\(norm.rawValue) norm, \(object.rawValue), \(run.rawValue), \(minimizer.rawValue) minimizer" }
    }

    static let readings: [Reading] = Minimizer.allCases.flatMap { minimizer in
        Run.allCases.flatMap { run in
            Object.allCases.flatMap { object in Norm.allCases.map { Reading(minimizer: minimizer, run: run, object: object, norm: $0) } }
        }
    }

    /// r, γ and the ε(ℓ) constant for one minimizer choice.
    struct Constants {
        let r: BigFloat
        let gamma: BigFloat
        /// 3·n·r·e^{3r/λ}, so ε(ℓ) = sqrt(epsilonSquaredTimesDepth / ℓ).
        let epsilonSquaredTimesDepth: BigFloat
    }

    static func constants(n: Int, lambda: BigFloat, r: BigFloat) -> Constants {
        let p = lambda.precisionBits
        let gamma = BigFloat(1, precision: p) / (BigFloat(n + 2, precision: p) * BigFloat.exp(BigFloat(2, precision: p) * r / lambda))
        let scale = BigFloat(3 * n, precision: p) * r * BigFloat.exp(BigFloat(3, precision: p) * r / lambda)
        return Constants(r: r, gamma: gamma, epsilonSquaredTimesDepth: scale)
    }

    /// Errors e(k) of one object in both norms.
    static func errors(_ matrix: Matrix<BigFloat>, uniform: BigFloat) -> [Norm: BigFloat] {
        let marginals = MarginalErrors(of: matrix, target: uniform)
        return [
            .l2: BigFloat.maximum(marginals.rowErrorNorm2, marginals.columnErrorNorm2),
            .max: marginals.maxError,
        ]
    }

    static func rowNormalized(_ kernel: Matrix<BigFloat>, uniform: BigFloat) -> Matrix<BigFloat> {
        var result = kernel
        for i in 0..<kernel.rows {
            var total = BigFloat(0, precision: kernel.precisionBits)
            for j in 0..<kernel.columns { total.add(kernel[i, j]) }
            for j in 0..<kernel.columns { result[i, j] = kernel[i, j] / total * uniform }
        }
        return result
    }

    struct Evaluation {
        var margins: [[BigFloat]]
        var constants: [Minimizer: Constants]
        /// Per reading: best error at each ℓ ≥ 1.
        var best: [[BigFloat]]
        /// Per reading: e(0), the error of the prompt.
        var initial: [BigFloat?] = []
        var epsilons: [Minimizer: [BigFloat]]
    }

    static func evaluate(_ claim: ClaimInstance, depth: Int, precision: Int) throws -> Evaluation {
        let (problem, reference, u0, v0) = try claim.setUp(precision: precision)
        let n = problem.count
        let uniform = problem.uniformMass
        var evaluation = Evaluation(margins: Array(repeating: [], count: readings.count), constants: [:], best: Array(repeating: [], count: readings.count), epsilons: [:])
        evaluation.initial = Array(repeating: nil, count: readings.count)

        for minimizer in Minimizer.allCases {
            let shift = minimizer == .closest
                ? DualMinimizerDistance.closestShift(u0: u0, v0: v0, minimizer: reference)
                : BigFloat(0, precision: precision)
            let r = DualMinimizerDistance.radius(u0: u0, v0: v0, minimizer: reference, shift: shift)
            let constants = constants(n: n, lambda: problem.regularization, r: r)
            evaluation.constants[minimizer] = constants

            var transformer = ClaimInstance.transformer(problem, stepsize: constants.gamma, u0: u0, v0: v0)
            var algorithm = DualGradientDescent(problem: problem, initialU: u0, initialV: v0)
            let indices = readings.indices.filter { readings[$0].minimizer == minimizer }
            var best: [Int: BigFloat] = [:]
            var epsilons: [BigFloat] = []

            for layer in 0...depth {
                if layer > 0 {
                    try transformer.advance()
                    algorithm.advance(stepsize: constants.gamma)
                }
                let transformerKernel = transformer.kernel
                let algorithmKernel = problem.kernelMatrix(u: algorithm.u, v: algorithm.v)
                let measured: [Run: [Object: [Norm: BigFloat]]] = [
                    .transformer: [
                        .kernel: errors(transformerKernel, uniform: uniform),
                        .attention: errors(transformer.restrictedAttention.scaled(by: uniform), uniform: uniform),
                    ],
                    .algorithm: [
                        .kernel: errors(algorithmKernel, uniform: uniform),
                        .attention: errors(rowNormalized(algorithmKernel, uniform: uniform), uniform: uniform),
                    ],
                ]
                let epsilon = layer == 0 ? nil : BigFloat.sqrt(constants.epsilonSquaredTimesDepth / BigFloat(layer, precision: precision))
                if let epsilon { epsilons.append(epsilon) }
                for index in indices {
                    let reading = readings[index]
                    let error = measured[reading.run]![reading.object]![reading.norm]!
                    best[index] = best[index].map { BigFloat.minimum($0, error) } ?? error
                    if layer == 0 { evaluation.initial[index] = error }
                    if let epsilon {
                        evaluation.margins[index].append(epsilon - best[index]!)
                        evaluation.best[index].append(best[index]!)
                    }
                }
            }
            evaluation.epsilons[minimizer] = epsilons
        }
        return evaluation
    }

    public static func check(_ claim: ClaimInstance, depth: Int? = nil, policy: PrecisionPolicy = PrecisionPolicy()) throws -> [ClaimOutcome] {
        let depth = depth ?? claim.depth
        let (decisions, evidenceRun) = try PrecisionEscalation.decideAll(policy: policy) { bits in
            let evaluation = try evaluate(claim, depth: depth, precision: bits)
            return (evaluation.margins, evaluation)
        }
        return readings.indices.map { index in
            let reading = readings[index]
            let decision = decisions[index]
            let constants = evidenceRun.constants[reading.minimizer]!
            let layer = decision.index + 1
            var evidence: [(String, String)] = [
                ("r", constants.r.evidenceText),
                ("gamma", constants.gamma.evidenceText),
                ("epsilonAtDepth", evidenceRun.epsilons[reading.minimizer]!.last!.evidenceText),
                ("bestErrorAtDepth", evidenceRun.best[index].last!.evidenceText),
                ("depth", String(depth)),
            ]
            // ε(ℓ) decreases in ℓ, so ε(depth) ≥ e(0) means layer 0 meets every bound checked.
            let vacuous = evidenceRun.initial[index].map { evidenceRun.epsilons[reading.minimizer]!.last! >= $0 } ?? false
            evidence.append(("vacuous", vacuous ? "true: ε(depth) ≥ e(0), so the prompt itself meets every bound checked" : "false"))
            evidence.append((decision.verdict == .refuted ? decision.failingLayerKey : "decisiveLayer", String(layer)))
            evidence.append(("epsilonThere", evidenceRun.epsilons[reading.minimizer]![decision.index].evidenceText))
            evidence.append(("bestErrorThere", evidenceRun.best[index][decision.index].evidenceText))
            if decision.verdict == .refuted { evidence.append(("replay", claim.replayCommand(claim: .l1))) }
            return ClaimOutcome(
                id: .l1, reading: reading.label, instance: claim.name, verdict: decision.verdict,
                margin: decision.margin.evidenceText, roundingEstimate: decision.roundingEstimate.evidenceText,
                precisionBits: decision.precisionBits, evidence: evidence)
        }
    }
}

extension Matrix where Real == BigFloat {
    func scaled(by factor: BigFloat) -> Matrix {
        var result = self
        for index in result.elements.indices { result.elements[index] = result.elements[index] * factor }
        return result
    }
}
