import ArbitraryPrecision
import Construction
import Foundation
import Transport

/// Median wall-clock times of one hidden layer (two heads, d = 1) of each
/// Swift engine, measured in the same process one after the other.
struct LayerTimings {
    /// `DenseLayerEngine`, seconds per layer.
    let generic: Double
    /// The 2(n + 1)² exponentials of the generic engine's softmax alone, on
    /// its own shifted scores, seconds per layer.
    let exponentials: Double
    /// `FactoredEngine`, seconds per layer.
    let factored: Double
}

enum LayerBenchmark {
    /// Builds the instance that Benchmarks/prompt.py also builds: d = 1,
    /// x_i = ((7i + 3) mod n)/n, y_j = j/n, zero initial duals, λ = 1/10.
    static func problem<Real: RealNumber>(n: Int, precision: Int) -> TransportProblem<Real> {
        func fraction(_ numerator: Int) -> Real { Real(numerator, precision: precision) / Real(n, precision: precision) }
        return TransportProblem(
            source: (0..<n).map { [fraction((7 * $0 + 3) % n)] },
            target: (0..<n).map { [fraction($0)] },
            regularization: Real(1, precision: precision) / Real(10, precision: precision),
            precision: precision)
    }

    /// γ = 1/20, as in Benchmarks/prompt.py.
    static func stepsize<Real: RealNumber>(precision: Int) -> Real {
        Real(1, precision: precision) / Real(20, precision: precision)
    }

    /// Times `repetitions` layers of each engine after one untimed warm-up
    /// layer; each layer starts from the tokens the previous one left.
    static func measure<Real: RealNumber>(_ type: Real.Type, n: Int, precision: Int, repetitions: Int) -> LayerTimings {
        let problem: TransportProblem<Real> = problem(n: n, precision: precision)
        let zeros = (0..<n).map { _ in Real(0, precision: precision) }
        let gamma: Real = stepsize(precision: precision)
        let parameters = TransformerParameters(dimension: 1, regularization: problem.regularization, tokenCount: n)
        let prompt = Prompt.make(problem: problem, initialU: zeros, initialV: zeros)

        var tokens = prompt
        var dense = DenseLayerEngine(layer: parameters.hiddenLayer, rows: n + 1, precision: precision)
        let generic = median(repetitions) { dense.forward(&tokens, stepsize: gamma) }

        var shifted = shiftedScores(parameters: parameters, tokens: tokens)
        let original = shifted.map { $0 }
        let exponentials = median(repetitions, prepare: {
            for index in shifted.indices { shifted[index].assign(original[index]) }
        }) {
            for index in shifted.indices { shifted[index].formExp() }
        }

        tokens = prompt
        var factoredEngine = FactoredEngine(problem: problem)
        let factored = median(repetitions) { _ = factoredEngine.forward(&tokens, stepsize: gamma) }
        return LayerTimings(generic: generic, exponentials: exponentials, factored: factored)
    }

    /// Returns the scores S_ij − max_k S_ik of both hidden heads, in separate storage.
    static func shiftedScores<Real: RealNumber>(parameters: TransformerParameters<Real>, tokens: Matrix<Real>) -> [Real] {
        var result: [Real] = []
        for head in [parameters.headU, parameters.headV] {
            let scores = head.scores(tokens)
            for i in 0..<scores.rows {
                let row = scores.row(i)
                let largest = row.max()!
                result += row.map { $0 - largest }
            }
        }
        return result
    }

    /// Runs `prepare` untimed and then `body` timed, once to warm up and then
    /// `repetitions` times, and returns the median time of `body` in seconds.
    static func median(_ repetitions: Int, prepare: () -> Void = {}, _ body: () -> Void) -> Double {
        prepare()
        body()
        var samples: [Double] = []
        for _ in 0..<repetitions {
            prepare()
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return BenchmarkStatistics.median(samples)
    }
}

enum BenchmarkStatistics {
    /// Returns the median of a non-empty sample: the middle value, or the mean of
    /// the two middle values for an even count.
    static func median(_ samples: [Double]) -> Double {
        precondition(!samples.isEmpty, "the median needs at least one sample")
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
