import ArbitraryPrecision
import Transport

/// The transformer of the construction: the engineered prompt followed by
/// hidden layers of heads U and V with stepsizes γ_ℓ, and a readout head.
///
/// `tokens` holds Z^(ℓ) after `layer` hidden layers. The dual iterates are
/// read from the u and v columns of the first n tokens.
public struct Transformer<Real: RealNumber>: Sendable {
    public let problem: TransportProblem<Real>
    public let parameters: TransformerParameters<Real>
    public let schedule: StepsizeSchedule<Real>
    public private(set) var tokens: Matrix<Real>
    public private(set) var layer = 0
    /// The forward pass of the hidden layers.
    public let engine: LayerEngineKind
    // Exactly one of these is set, matching `engine`; each keeps its buffers across layers.
    private var denseEngine: DenseLayerEngine<Real>?
    private var factoredEngine: FactoredEngine<Real>?

    /// - Precondition: `FactoredEngine.supports(problem)` when `engine` is `.factored`.
    public init(
        problem: TransportProblem<Real>, schedule: StepsizeSchedule<Real>, initialU: [Real], initialV: [Real],
        engine: LayerEngineKind = .generic
    ) {
        self.problem = problem
        self.schedule = schedule
        self.engine = engine
        parameters = TransformerParameters(dimension: problem.dimension, regularization: problem.regularization, tokenCount: problem.count)
        tokens = Prompt.make(problem: problem, initialU: initialU, initialV: initialV)
        switch engine {
        case .generic:
            denseEngine = DenseLayerEngine(layer: parameters.hiddenLayer, rows: problem.count + 1, precision: problem.precisionBits)
        case .factored:
            factoredEngine = FactoredEngine(problem: problem)
        }
    }

    /// Applies the next hidden layer to the tokens.
    ///
    /// - Throws: `ConstructionError.outOfRange` when the layer's attention
    ///   weights or the new u, v columns leave the number range (zero sums,
    ///   infinities or NaN). The tokens then stay those before the layer.
    public mutating func advance() throws {
        let stepsize = schedule.stepsize(atLayer: layer + 1)
        if factoredEngine != nil {
            guard factoredEngine!.forward(&tokens, stepsize: stepsize) else {
                throw ConstructionError.outOfRange(layer: layer + 1, precisionBits: problem.precisionBits)
            }
        } else {
            let before = tokens
            denseEngine!.forward(&tokens, stepsize: stepsize)
            let columns = [parameters.layout.u, parameters.layout.v]
            let finite = (0...n).allSatisfy { row in columns.allSatisfy { tokens[row, $0].isFinite } }
            guard finite else {
                tokens = before
                throw ConstructionError.outOfRange(layer: layer + 1, precisionBits: problem.precisionBits)
            }
        }
        layer += 1
    }

    public var n: Int { problem.count }

    /// u^(ℓ): the u column of tokens 1..n.
    public var u: [Real] { (0..<n).map { tokens[$0, parameters.layout.u] } }
    /// v^(ℓ): the v column of tokens 1..n.
    public var v: [Real] { (0..<n).map { tokens[$0, parameters.layout.v] } }

    /// The u and v entries of the extra token n + 1, which start at 0. They
    /// enter the real tokens' scores through the key n + 1.
    public var extraTokenDuals: (u: Real, v: Real) {
        (tokens[n, parameters.layout.u], tokens[n, parameters.layout.v])
    }

    /// M^(ℓ) = M(u^(ℓ), v^(ℓ)).
    public var kernel: Matrix<Real> { problem.kernelMatrix(u: u, v: v) }

    /// A^(ℓ): head U's attention pattern on the current tokens, restricted to
    /// the first n keys and renormalized, A_ij = M_ij / Σ_{k ≤ n} M_ik for the
    /// first n queries. Row-stochastic, so A/n is compared with P*_λ.
    public var restrictedAttention: Matrix<Real> {
        if let factoredEngine, let attention = factoredEngine.restrictedAttention(tokens) { return attention }
        let scores = parameters.headU.scores(tokens)
        var real = Matrix<Real>(rows: n, columns: n, precision: problem.precisionBits)
        for i in 0..<n {
            for j in 0..<n { real[i, j] = scores[i, j] }
        }
        return Softmax.rows(of: real, keyCount: n)
    }

    /// Head U's softmax over all n + 1 keys for all n + 1 queries.
    public var fullAttention: Matrix<Real> {
        factoredEngine?.fullAttention(tokens) ?? parameters.headU.pattern(tokens)
    }

    /// The readout: for target i, Σ_j softmax_j(head V's scores over keys
    /// 1..n) · x_j, read from the `out` column after the readout head.
    /// For d > 1 it is the barycentric projection of the first coordinate.
    public var readout: [Real] {
        let output = parameters.readout.output(tokens)
        return (0..<n).map { tokens[$0, parameters.layout.out] + output[$0, parameters.layout.out] }
    }
}

/// A failure of the forward pass.
public enum ConstructionError: Error, CustomStringConvertible, Equatable {
    /// The attention weights or the u, v columns left the number range.
    case outOfRange(layer: Int, precisionBits: Int)

    public var description: String {
        switch self {
        case let .outOfRange(layer, bits):
            return "layer \(layer) left the number range at \(bits) bits (an attention row sum became 0 or infinite, or u, v became infinite or NaN); lower γ, or raise λ relative to the costs"
        }
    }
}
