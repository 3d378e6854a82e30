import ArbitraryPrecision
import Transport

/// Claim S1: for d = 1 and increasing targets, the readout approaches the
/// sorted x. Stated here as monotonicity: the readout error
/// max_i |readout_i − x_σ⁻¹(i)| (x matched to target i by the optimal
/// assignment) does not increase from layer to layer, up to 2^(−p/2)·(1 + max|x|).
enum SortingProperty {
    static let readoutImproves = Property(
        name: "s1-readout-improves", claim: "S1",
        summary: "for d = 1 and increasing targets the readout error against the sorted x does not increase with depth",
        expectation: .counterexampleExpected,
        settings: .sorting
    ) { testCase, precision in
        guard testCase.dimension == 1 else { return .discard("the readout is defined for d = 1 only") }
        let problem = DualIterates.problem(testCase, precision: precision)
        let assignment = problem.optimalAssignment()
        var matched = problem.source.map { $0[0] }
        for (i, j) in assignment.permutation.enumerated() { matched[j] = problem.source[i][0] }

        let one = BigFloat(1, precision: precision)
        let tolerance = DualIterates.halfPrecision(precision) * (one + VectorNorms.maxNorm(matched, precision: precision))
        var previous: BigFloat? = nil
        for (layer, transformer) in try DualIterates.transformers(testCase, problem: problem).enumerated() {
            let error = VectorNorms.maxDistance(transformer.readout, matched, precision: precision)
            if let previous, error > previous + tolerance {
                return .fail("readout error rises at layer \(layer): \(DualIterates.short(previous)) → \(DualIterates.short(error))")
            }
            previous = error
        }
        return .pass
    }
}
