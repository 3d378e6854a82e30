import Testing
@testable import ArbitraryPrecision
@testable import Construction
@testable import Transport

private let precision = 256

private func decimal(_ text: String) -> BigFloat { try! BigFloat(decimal: text, precision: precision) }

/// A 3-point instance in d = 2 with nonzero initial duals.
private func smallProblem() -> (TransportProblem<BigFloat>, [BigFloat], [BigFloat]) {
    let problem = TransportProblem(
        source: [["0.1", "0.4"], ["0.9", "-0.2"], ["0.35", "0.8"]].map { $0.map(decimal) },
        target: [["0.0", "0.1"], ["0.6", "0.5"], ["1.2", "0.3"]].map { $0.map(decimal) },
        regularization: decimal("0.3"), precision: precision)
    return (problem, ["0.05", "-0.1", "0.2"].map(decimal), ["0.3", "0", "-0.15"].map(decimal))
}

private func close(_ a: BigFloat, _ b: BigFloat, within bound: String = "1e-70") -> Bool {
    (a - b).magnitude < decimal(bound)
}

@Test func promptLayoutColumns() {
    let layout = PromptLayout(dimension: 3)
    #expect(layout.width == 15)
    #expect(layout.columnNames == ["X1", "X2", "X3", "Y1", "Y2", "Y3", "nx", "ny", "one_a", "one_b", "one_c", "mass", "u", "v", "out"])
    #expect(layout.out == 14)
}

@Test func headScoresAreLogKernelForRealTokens() {
    let (problem, u0, v0) = smallProblem()
    let transformer = Transformer(problem: problem, schedule: .constant(decimal("0.1")), initialU: u0, initialV: v0)
    let kernel = problem.kernelMatrix(u: u0, v: v0)
    let scoresU = transformer.parameters.headU.scores(transformer.tokens)
    let scoresV = transformer.parameters.headV.scores(transformer.tokens)
    for i in 0..<3 {
        for j in 0..<3 {
            #expect(close(scoresU[i, j], BigFloat.log(kernel[i, j])), "head U score (\(i), \(j))")
            #expect(close(scoresV[i, j], BigFloat.log(kernel[j, i])), "head V score (\(i), \(j))")
        }
    }
}

@Test func extraTokenScoresComeFromItsDuals() throws {
    // Key n + 1 is zero except mass, u and v, so head U scores it v_{n+1}/λ
    // and head V u_{n+1}/λ for every real query; both are 0 at the prompt.
    let (problem, u0, v0) = smallProblem()
    var transformer = Transformer(problem: problem, schedule: .constant(decimal("0.1")), initialU: u0, initialV: v0)
    try transformer.advance()
    let (extraU, extraV) = transformer.extraTokenDuals
    #expect(!extraU.isZero)
    let scoresU = transformer.parameters.headU.scores(transformer.tokens)
    let scoresV = transformer.parameters.headV.scores(transformer.tokens)
    for i in 0..<3 {
        #expect(close(scoresU[i, 3], extraV / decimal("0.3")))
        #expect(close(scoresV[i, 3], extraU / decimal("0.3")))
    }
}

@Test func firstLayerIsOneAlgorithmStep() throws {
    let (problem, u0, v0) = smallProblem()
    var transformer = Transformer(problem: problem, schedule: .constant(decimal("0.1")), initialU: u0, initialV: v0)
    try transformer.advance()
    let step = DualGradientDescent.step(problem: problem, u: u0, v: v0, stepsize: decimal("0.1"))
    for i in 0..<3 {
        #expect(close(transformer.u[i], step.u[i]))
        #expect(close(transformer.v[i], step.v[i]))
    }
}

@Test func layerChangesOnlyDualColumns() throws {
    let (problem, u0, v0) = smallProblem()
    var transformer = Transformer(problem: problem, schedule: .constant(decimal("0.1")), initialU: u0, initialV: v0)
    let before = transformer.tokens
    try transformer.advance()
    let layout = transformer.parameters.layout
    for row in 0..<before.rows {
        for column in 0..<before.columns where column != layout.u && column != layout.v {
            #expect(transformer.tokens[row, column] == before[row, column], "token \(row), column \(layout.columnNames[column])")
        }
    }
}

@Test func softmaxRowsSumToOneAndMask() {
    let scores = Matrix<BigFloat>(rows: [["1000", "-1000", "3"], ["0", "0", "0"]].map { $0.map(decimal) })
    let full = Softmax.rows(of: scores, keyCount: 3)
    let masked = Softmax.rows(of: scores, keyCount: 2)
    for i in 0..<2 {
        #expect(close(full[i, 0] + full[i, 1] + full[i, 2], decimal("1")))
        #expect(close(masked[i, 0] + masked[i, 1], decimal("1")))
        #expect(masked[i, 2].isZero)
    }
    #expect(close(full[1, 0], decimal("1") / decimal("3")))
}

@Test func attentionLayerMatchesDenseFormula() {
    // A head with dense random Q and W against a direct evaluation of
    // Z − γ softmax(Z Q Zᵀ) Z W in Double.
    var state: UInt64 = 3
    func draw() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(Int64(bitPattern: state) >> 40) / Double(1 << 23)
    }
    let z = Matrix<Double>(rows: (0..<4).map { _ in (0..<3).map { _ in draw() } })
    let q = Matrix<Double>(rows: (0..<3).map { _ in (0..<3).map { _ in draw() } })
    let w = Matrix<Double>(rows: (0..<3).map { _ in (0..<3).map { _ in draw() } })
    let layer = AttentionLayer(heads: [AttentionHead(queryKey: q, value: w)])
    let result = layer.forward(z, stepsize: 0.5)
    for i in 0..<4 {
        let scores = (0..<4).map { j in
            (0..<3).reduce(0.0) { sum, a in sum + (0..<3).reduce(0.0) { $0 + z[i, a] * q[a, $1] * z[j, $1] } }
        }
        let largest = scores.max()!
        let weights = scores.map { Double.exp($0 - largest) }
        let total = weights.reduce(0, +)
        for c in 0..<3 {
            let value = (0..<4).reduce(0.0) { sum, j in sum + weights[j] / total * (0..<3).reduce(0.0) { $0 + z[j, $1] * w[$1, c] } }
            #expect(abs(result[i, c] - (z[i, c] - 0.5 * value)) < 1e-12, "entry (\(i), \(c))")
        }
    }
}

@Test func doubleAndMPFRAgreeOnEarlyLayers() throws {
    let (problem, u0, v0) = smallProblem()
    var precise = Transformer(problem: problem, schedule: .constant(decimal("0.1")), initialU: u0, initialV: v0)
    let doubleProblem = TransportProblem<Double>(
        source: problem.source.map { $0.map(\.doubleValue) }, target: problem.target.map { $0.map(\.doubleValue) },
        regularization: 0.3, precision: 53)
    var fast = Transformer(problem: doubleProblem, schedule: .constant(0.1), initialU: u0.map(\.doubleValue), initialV: v0.map(\.doubleValue))
    for _ in 0..<20 {
        try precise.advance()
        try fast.advance()
    }
    for i in 0..<3 {
        #expect(abs(precise.u[i].doubleValue - fast.u[i]) < 1e-12)
        #expect(abs(precise.v[i].doubleValue - fast.v[i]) < 1e-12)
    }
}

@Test func readoutIsBarycentricProjection() {
    let problem = TransportProblem(
        source: [["0.7"], ["0.1"], ["0.4"]].map { $0.map(decimal) },
        target: [["0"], ["0.5"], ["1"]].map { $0.map(decimal) },
        regularization: decimal("0.2"), precision: precision)
    let zero = [BigFloat](repeating: BigFloat(0, precision: precision), count: 3)
    let transformer = Transformer(problem: problem, schedule: .constant(decimal("0.1")), initialU: zero, initialV: zero)
    let kernel = problem.kernelMatrix(u: zero, v: zero)
    let readout = transformer.readout
    for i in 0..<3 {
        var weighted = BigFloat(0, precision: precision)
        var total = BigFloat(0, precision: precision)
        for j in 0..<3 {
            weighted = weighted + kernel[j, i] * problem.source[j][0]
            total = total + kernel[j, i]
        }
        #expect(close(readout[i], weighted / total), "target \(i)")
    }
}
