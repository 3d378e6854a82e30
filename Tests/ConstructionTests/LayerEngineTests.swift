import Testing
@testable import ArbitraryPrecision
@testable import Construction
@testable import Transport

/// A d-dimensional instance with n points on a deterministic grid and nonzero
/// initial duals, so that the first layer already moves every u and v.
private func sampleProblem<Real: RealNumber>(
    n: Int, dimension: Int, lambda: String, precision: Int
) -> (TransportProblem<Real>, [Real], [Real]) {
    func value(_ numerator: Int, _ denominator: Int) -> Real {
        Real(numerator, precision: precision) / Real(denominator, precision: precision)
    }
    let source = (0..<n).map { i in (0..<dimension).map { k in value((7 * i + 3 * k + 1) % (2 * n), 2 * n) } }
    let target = (0..<n).map { j in (0..<dimension).map { k in value((5 * j + k + 2) % (2 * n + 1), 2 * n + 1) } }
    let problem = TransportProblem(source: source, target: target, regularization: try! Real(decimal: lambda, precision: precision), precision: precision)
    let u0 = (0..<n).map { i in value(i % 3 - 1, 10) }
    let v0 = (0..<n).map { j in value(j % 2, 7) }
    return (problem, u0, v0)
}

/// The largest |a − b| over two equally shaped matrices.
private func maxDifference<Real: RealNumber>(_ a: Matrix<Real>, _ b: Matrix<Real>) -> Real {
    precondition(a.rows == b.rows && a.columns == b.columns)
    var largest = Real(0, precision: a.precisionBits)
    for (x, y) in zip(a.elements, b.elements) { largest = Real.maximum(largest, (x - y).magnitude) }
    return largest
}

@Test func denseEngineMatchesLayerBitForBit() {
    let (problem, u0, v0): (TransportProblem<BigFloat>, [BigFloat], [BigFloat]) = sampleProblem(n: 5, dimension: 2, lambda: "0.3", precision: 192)
    let parameters = TransformerParameters(dimension: 2, regularization: problem.regularization, tokenCount: 5)
    let gamma = try! BigFloat(decimal: "0.2", precision: 192)
    var expected = Prompt.make(problem: problem, initialU: u0, initialV: v0)
    var tokens = expected
    var engine = DenseLayerEngine(layer: parameters.hiddenLayer, rows: 6, precision: 192)
    for layer in 1...6 {
        expected = parameters.hiddenLayer.forward(expected, stepsize: gamma)
        engine.forward(&tokens, stepsize: gamma)
        for index in tokens.elements.indices {
            #expect(tokens.elements[index] == expected.elements[index], "layer \(layer), entry \(index)")
        }
    }
}

@Test func denseEngineMatchesLayerInDouble() {
    let (problem, u0, v0): (TransportProblem<Double>, [Double], [Double]) = sampleProblem(n: 4, dimension: 1, lambda: "0.2", precision: 53)
    let parameters = TransformerParameters(dimension: 1, regularization: problem.regularization, tokenCount: 4)
    var expected = Prompt.make(problem: problem, initialU: u0, initialV: v0)
    var tokens = expected
    var engine = DenseLayerEngine(layer: parameters.hiddenLayer, rows: 5, precision: 53)
    for _ in 1...5 {
        expected = parameters.hiddenLayer.forward(expected, stepsize: 0.3)
        engine.forward(&tokens, stepsize: 0.3)
    }
    #expect(tokens.elements == expected.elements)
}

/// Runs the generic and the factored engine side by side and checks, on
/// every layer, the u and v columns of all n + 1 tokens (token n + 1
/// included) and head U's attention patterns against a rounding estimate:
/// 2^(8 − p) · (ℓ + 1) · (1 + max |S|), with max |S| the largest score
/// magnitude at the prompt. A wrong score term moves these by far more.
private func checkFactoredAgainstGeneric<Real: RealNumber>(
    _ type: Real.Type, n: Int, dimension: Int, lambda: String, gamma: String, layers: Int, precision: Int
) throws {
    let (problem, u0, v0): (TransportProblem<Real>, [Real], [Real]) = sampleProblem(n: n, dimension: dimension, lambda: lambda, precision: precision)
    let schedule = StepsizeSchedule<Real>.constant(try! Real(decimal: gamma, precision: precision))
    var generic = Transformer(problem: problem, schedule: schedule, initialU: u0, initialV: v0, engine: .generic)
    var factored = Transformer(problem: problem, schedule: schedule, initialU: u0, initialV: v0, engine: .factored)
    #expect(FactoredEngine.supports(problem))

    var largestScore = Real(0, precision: precision)
    for entry in generic.parameters.headU.scores(generic.tokens).elements {
        largestScore = Real.maximum(largestScore, entry.magnitude)
    }
    let unit = Real.pow(Real(2, precision: precision), Real(8 - precision, precision: precision))
    let layout = generic.parameters.layout

    for layer in 0...layers {
        if layer > 0 {
            try generic.advance()
            try factored.advance()
        }
        let bound = unit * Real(layer + 1, precision: precision) * (Real(1, precision: precision) + largestScore)
        for token in 0...n {
            for column in [layout.u, layout.v] {
                let difference = (generic.tokens[token, column] - factored.tokens[token, column]).magnitude
                #expect(difference <= bound, "layer \(layer), token \(token + 1), column \(column): \(difference) > \(bound)")
            }
        }
        #expect(maxDifference(generic.restrictedAttention, factored.restrictedAttention) <= bound, "restricted attention, layer \(layer)")
        #expect(maxDifference(generic.fullAttention, factored.fullAttention) <= bound, "full attention, layer \(layer)")
        #expect(generic.tokens.elements.indices.allSatisfy { index in
            let column = index % layout.width
            return column == layout.u || column == layout.v || generic.tokens.elements[index] == factored.tokens.elements[index]
        }, "only the u and v columns change, layer \(layer)")
    }
    #expect(!factored.extraTokenDuals.u.isZero && !factored.extraTokenDuals.v.isZero)
}

@Test func factoredEngineTracksGenericInMPFR() throws {
    try checkFactoredAgainstGeneric(BigFloat.self, n: 6, dimension: 1, lambda: "0.05", gamma: "0.5", layers: 25, precision: 256)
    try checkFactoredAgainstGeneric(BigFloat.self, n: 4, dimension: 3, lambda: "0.7", gamma: "2", layers: 25, precision: 128)
}

@Test func factoredEngineTracksGenericInDouble() throws {
    try checkFactoredAgainstGeneric(Double.self, n: 7, dimension: 2, lambda: "0.1", gamma: "1", layers: 25, precision: 53)
}

@Test func factoredEngineRejectsUnderflowingKernel() {
    // C/λ reaches 10⁴ here, so exp(−C/λ − 1) underflows to 0 in Double.
    let (problem, _, _): (TransportProblem<Double>, [Double], [Double]) = sampleProblem(n: 4, dimension: 1, lambda: "0.00001", precision: 53)
    #expect(!FactoredEngine.supports(problem))
    let (wide, _, _): (TransportProblem<BigFloat>, [BigFloat], [BigFloat]) = sampleProblem(n: 4, dimension: 1, lambda: "0.00001", precision: 64)
    #expect(FactoredEngine.supports(wide))
}
