import Foundation
import Testing
@testable import ArbitraryPrecision
@testable import Campaign
@testable import Claims
@testable import Construction
@testable import Transport

private func instance(_ source: [String], _ target: [String], lambda: String, gamma: String, layers: Int) -> ClaimInstance {
    ClaimInstance(instance: Instance(
        name: "test", summary: "test", source: source.map { [.decimal($0)] }, target: target.map { [.decimal($0)] },
        regularization: .decimal(lambda), stepsize: .decimal(gamma), layers: layers))
}

private let fastPolicy = PrecisionPolicy(startBits: 128, capBits: 512)

private func evidence(_ outcome: ClaimOutcome, _ key: String) -> String? {
    outcome.evidence.first { $0.0 == key }?.1
}

@Test func t1HoldsForOnePoint() throws {
    // With n = 1 the extra token's update is −γ(n e^0 − 1/n)/(n e^0 + 1) = 0,
    // so its u and v stay 0 and every layer is exactly one algorithm step.
    let outcomes = try T1Check.check(instance(["0.3"], ["0.8"], lambda: "0.2", gamma: "0.1", layers: 10), depth: 10, policy: fastPolicy)
    #expect(outcomes.count == 2)
    for outcome in outcomes {
        #expect(outcome.verdict == .holds, "\(outcome.reading): \(outcome.evidence)")
    }
}

@Test func t1RefutedAtLayerTwoForIdenticalSets() throws {
    // Identical source and target, n = 2: after layer 1 the extra token holds
    // u = v = −γ(n − 1/n)/(n + 1) ≠ 0, so layer 2 departs from the algorithm.
    let claim = instance(["0", "1"], ["0", "1"], lambda: "0.5", gamma: "0.25", layers: 10)
    let outcomes = try T1Check.check(claim, depth: 10, policy: fastPolicy)
    for outcome in outcomes {
        #expect(outcome.verdict == .refuted)
        #expect(evidence(outcome, "firstFailingLayer") == "2")
    }
    let expected = -0.25 * (2 - 0.5) / 3
    let recorded = try #require(evidence(outcomes[0], "tokenNPlus1Before"))
    #expect(recorded.hasPrefix("u = \(BigFloat(expected, precision: 128).formatted(significantDigits: 6))"), "\(recorded)")
}

@Test func hilbertDistanceOfTwoPointPlan() throws {
    // n = 2: P* = [[a, 1/2 − a], [1/2 − a, a]], a = t/(2(1 + t)),
    // t = exp(((C12 + C21) − (C11 + C22))/(2λ)).
    let claim = instance(["0.1", "0.9"], ["0.3", "0.6"], lambda: "0.2", gamma: "0.1", layers: 1)
    let (problem, reference, _, _) = try claim.setUp(precision: 256)
    let c = problem.cost
    let two = BigFloat(2, precision: 256)
    let t = BigFloat.exp(((c[0, 1] + c[1, 0]) - (c[0, 0] + c[1, 1])) / (two * problem.regularization))
    let a = t / (two * (BigFloat(1, precision: 256) + t))
    let half = BigFloat(1, precision: 256) / two
    let closed = Matrix<BigFloat>(rows: [[a, half - a], [half - a, a]])
    #expect(HilbertMetric.distance(reference.plan, closed) < (try BigFloat(decimal: "1e-35", precision: 256)))
    #expect(HilbertMetric.distance(closed.scaled(by: two), closed).isZero)
}

@Test func projectiveDiameterOfTwoPoints() throws {
    // For n = 2, Δ = |C11 + C22 − C12 − C21| / λ.
    let claim = instance(["0", "1"], ["0.5", "2"], lambda: "0.5", gamma: "0.1", layers: 1)
    let problem: TransportProblem<BigFloat> = claim.instance.problem(precision: 128)
    let c = problem.cost
    let expected = ((c[0, 0] + c[1, 1]) - (c[0, 1] + c[1, 0])).magnitude / problem.regularization
    #expect((HilbertMetric.projectiveDiameter(cost: c, lambda: problem.regularization) - expected).magnitude < (try BigFloat(decimal: "1e-30", precision: 128)))
}

@Test func m1RefutedByKnownAmount() throws {
    // n = 1, x = y = 0, λ = 1, γ = 2λ, zero start: r = e^{-1}, one step moves u
    // and v by δ = γ(1 − e^{-1})/(1 + e^{-1}), and
    // L(0, 0) − L(δ, δ) = e^{-1} − (e^{2δ − 1} − 2δ) < 0.
    let claim = instance(["0"], ["0"], lambda: "1", gamma: "1", layers: 5)
    let outcomes = try M1Check.check(claim, ratio: .decimal("2"), depth: 5, policy: fastPolicy)
    let objective = try #require(outcomes.first { $0.reading.hasPrefix(M1Check.Quantity.algorithmObjective.rawValue) })
    #expect(objective.verdict == .refuted)
    #expect(evidence(objective, "firstFailingLayer") == "1")

    let p = 256
    let e1 = BigFloat.exp(BigFloat(-1, precision: p))
    let one = BigFloat(1, precision: p)
    let delta = BigFloat(2, precision: p) * (one - e1) / (one + e1)
    let expected = e1 - (BigFloat.exp(BigFloat(2, precision: p) * delta - one) - BigFloat(2, precision: p) * delta)
    let measured = try BigFloat(decimal: objective.margin, precision: p)
    #expect((measured - expected).magnitude < (try BigFloat(decimal: "1e-5", precision: p)), "margin \(objective.margin)")
    #expect(expected < BigFloat(0, precision: p))
}

@Test func m1ObjectiveHoldsBelowProvenStepsize() throws {
    // Proofs/M1.md: the dual objective decreases along the algorithm when
    // (γ/λ)·e^{2γ/λ} ≤ 1, that is γ/λ ≤ 0.4263.
    for (source, target) in [(["0", "0.5", "0.9"], ["0.2", "0.4", "1.1"]), (["0.3", "0.35"], ["0", "1"])] {
        let claim = instance(source, target, lambda: "0.1", gamma: "0.04", layers: 60)
        let outcomes = try M1Check.check(claim, ratio: .decimal("0.4"), depth: 60, policy: fastPolicy)
        let objective = try #require(outcomes.first { $0.reading.hasPrefix(M1Check.Quantity.algorithmObjective.rawValue) })
        #expect(objective.verdict == .holds, "\(objective.evidence)")
    }
}

@Test func l1HoldsOnSmallInstance() throws {
    let outcomes = try L1Check.check(instance(["0", "0.5", "1"], ["0.1", "0.7", "0.8"], lambda: "0.5", gamma: "0.1", layers: 30), depth: 30, policy: fastPolicy)
    #expect(outcomes.count == 16)
    for outcome in outcomes {
        #expect(outcome.verdict == .holds, "\(outcome.reading)")
        #expect(Double(outcome.margin)! > 0)
    }
}

@Test func t2NotReachedForSmallLambda() throws {
    let outcomes = try T2Check.check(instance(["0", "0.5", "1"], ["0.1", "0.7", "0.8"], lambda: "0.05", gamma: "0.01", layers: 50), policy: fastPolicy)
    let t2 = outcomes.filter { $0.id == .t2 }
    #expect(t2.count == 4)
    for outcome in t2 {
        #expect(outcome.verdict == .notReached)
        let text = try #require(evidence(outcome, "threshold"))
        let threshold = try #require(Double(text))
        #expect(threshold > 50)
    }
}

@Test func s1HoldsOnSortingList() throws {
    let claim = ClaimInstance(instance: Instance(
        name: "sort", summary: "test", source: ["0.7", "0.1", "0.4", "0.9"].map { [.decimal($0)] },
        target: ["0", "0.33", "0.66", "1"].map { [.decimal($0)] },
        regularization: .decimal("0.05"), stepsize: .decimal("0.02"), layers: 400))
    let outcomes = try S1Check.check(claim, policy: fastPolicy)
    #expect(outcomes.count == 3)
    for outcome in outcomes {
        #expect(outcome.verdict == .holds, "\(outcome.reading): \(outcome.evidence)")
    }
}

@Test func escalationDecidesBelowFloat64Rounding() throws {
    // The margin (1 + 2^-60) − 1 is 0 at 53 bits, so the check cannot decide
    // there; at 106 bits the margin is exactly 2^-60 at both precisions.
    func margin(_ bits: Int) -> [BigFloat] {
        let one = BigFloat(1, precision: bits)
        let tiny = BigFloat.pow(BigFloat(2, precision: bits), BigFloat(-60, precision: bits))
        return [one + tiny - one]
    }
    let capped = PrecisionEscalation.decide(policy: PrecisionPolicy(startBits: 53, capBits: 53), margins: margin)
    #expect(capped.verdict == .undecided)
    #expect(capped.precisionBits == 53)
    let escalated = PrecisionEscalation.decide(policy: PrecisionPolicy(startBits: 53, capBits: 4096), margins: margin)
    #expect(escalated.verdict == .holds)
    #expect(escalated.precisionBits == 106)
}

@Test func escalationRefutesNegativeMargin() {
    let decision = PrecisionEscalation.decide(policy: PrecisionPolicy(startBits: 64, capBits: 128)) { bits in
        [BigFloat(1, precision: bits), BigFloat(-3, precision: bits) / BigFloat(7, precision: bits), BigFloat(-1, precision: bits)]
    }
    #expect(decision.verdict == .refuted)
    #expect(decision.index == 1)
}

@Test func escalationHoldsForInfiniteMargins() {
    // A vacuous bound (ε = +∞) gives the margin +∞ at every precision: its
    // rounding estimate is 0, not ∞ − ∞ = NaN, and the point holds.
    let decision = PrecisionEscalation.decide(policy: PrecisionPolicy(startBits: 64, capBits: 128)) { bits in
        let infinite = BigFloat(1, precision: bits) / BigFloat(0, precision: bits)
        return [BigFloat(1, precision: bits), infinite]
    }
    #expect(decision.verdict == .holds)
    #expect(decision.precisionBits == 64)
    #expect(decision.roundingEstimate.isZero)
}

@Test func claimIdentifiersParse() {
    #expect(ClaimID(argument: "t2p") == .t2Prime)
    #expect(ClaimID(argument: "T2'") == .t2Prime)
    #expect(ClaimID(argument: "m1") == .m1)
    #expect(ClaimID(argument: "T3") == nil)
}

@Test func trendFitRecoversSlope() throws {
    let x = [0.0, 1, 2, 3, 4]
    let fit = try #require(TrendFit(x: x, y: x.map { 2 - 0.5 * $0 }))
    #expect(abs(fit.slope + 0.5) < 1e-12)
    #expect(fit.slopeStandardError < 1e-12)
}

@Test func t1DetectsDeviationBelowRounding() throws {
    // With γ = 1e-100 the deviation at layer 2 is about γ²(n − 1)/(nλ) ≈ 4e-201,
    // below the rounding of the columns (about 1e-100·2^-256) at 256 and 320
    // bits. The rule must not call that rounding: it escalates and refutes.
    let claim = instance(["0.1", "0.5", "0.9"], ["0.2", "0.4", "1.1"], lambda: "0.5", gamma: "1e-100", layers: 3)
    let outcomes = try T1Check.check(claim, depth: 3, policy: PrecisionPolicy(startBits: 256, capBits: 512))
    for outcome in outcomes {
        #expect(outcome.verdict == .refuted, "\(outcome.reading)")
        #expect(outcome.precisionBits == 512)
        #expect(evidence(outcome, "firstFailingLayer") == "2")
    }
}

@Test func t1FrozenLayerIsUndecided() throws {
    // γ = 1e-400 rounds away against u of order 1 at 256 bits: the layer does
    // not change the columns, so agreement proves nothing.
    let claim = ClaimInstance(instance: Instance(
        name: "frozen", summary: "test", source: [[.decimal("0.1")], [.decimal("0.5")]], target: [[.decimal("0.2")], [.decimal("0.4")]],
        regularization: .decimal("0.5"), stepsize: .decimal("1e-400"), layers: 2,
        initialU: [.decimal("1"), .decimal("2")], initialV: [.decimal("1"), .decimal("-1")]))
    let outcomes = try T1Check.check(claim, depth: 2, policy: PrecisionPolicy(startBits: 256, capBits: 256))
    for outcome in outcomes {
        #expect(outcome.verdict == .undecided, "\(outcome.reading): \(outcome.verdict)")
    }
}

@Test func l1ConstantsMatchClosedForm() throws {
    // n = 1, x = y = 0, λ = 1, zero start: the minimizers are u + v = λ, the
    // closest (and balanced) one is (1/2, 1/2), so r = 2·(√2/2) = √2,
    // γ = 1/(3e^{2√2}) and ε(ℓ) = (3√2·e^{3√2}/ℓ)^{1/2}.
    let outcomes = try L1Check.check(instance(["0"], ["0"], lambda: "1", gamma: "0.1", layers: 20), depth: 20, policy: fastPolicy)
    let root2 = 2.0.squareRoot()
    for outcome in outcomes {
        let r = try #require(evidence(outcome, "r").flatMap(Double.init))
        let gamma = try #require(evidence(outcome, "gamma").flatMap(Double.init))
        let epsilon = try #require(evidence(outcome, "epsilonAtDepth").flatMap(Double.init))
        #expect(abs(r - root2) < 1e-5, "\(outcome.reading)")
        #expect(abs(gamma / (1 / (3 * Foundation.exp(2 * root2))) - 1) < 1e-5)
        #expect(abs(epsilon / (3 * root2 * Foundation.exp(3 * root2) / 20).squareRoot() - 1) < 1e-5)
    }
}

@Test func t2ThresholdMatchesFormula() throws {
    let outcomes = try T2Check.check(instance(["0", "0.5", "1"], ["0.1", "0.7", "0.8"], lambda: "0.05", gamma: "0.01", layers: 50), policy: fastPolicy)
    for outcome in outcomes where outcome.id == .t2 {
        let r = try #require(evidence(outcome, "r").flatMap(Double.init))
        let threshold = try #require(evidence(outcome, "threshold").flatMap(Double.init))
        #expect(abs(threshold / (64 * 27 * r * Foundation.exp(3 * r / 0.05)) - 1) < 1e-4)
    }
}

@Test func projectiveDiameterMatchesBruteForce() throws {
    let claim = instance(["0", "0.3", "1.1", "0.7"], ["0.5", "2", "-0.4", "0.9"], lambda: "0.3", gamma: "0.1", layers: 1)
    let problem: TransportProblem<BigFloat> = claim.instance.problem(precision: 128)
    let c = problem.cost
    var expected = BigFloat(0, precision: 128)
    for i in 0..<4 {
        for j in 0..<4 {
            for k in 0..<4 {
                for l in 0..<4 {
                    expected = BigFloat.maximum(expected, (c[i, l] + c[j, k] - c[i, k] - c[j, l]) / problem.regularization)
                }
            }
        }
    }
    let computed = HilbertMetric.projectiveDiameter(cost: c, lambda: problem.regularization)
    #expect((computed - expected).magnitude < (try BigFloat(decimal: "1e-30", precision: 128)))
}

@Test func t2JudgeVerdicts() throws {
    // μ_best(ℓ) = 1/ℓ gives ĉ ∝ ℓ^(-1/2): holds. A constant μ_best gives
    // ĉ ∝ ℓ^(1/2): refuted. A comparison run far from the working one leaves
    // every point within rounding: undecided.
    let bits = 128
    let claim = instance(["0"], ["1"], lambda: "1", gamma: "0.1", layers: 400)
    let one = BigFloat(1, precision: bits)
    let decaying = (1...400).map { one / BigFloat($0, precision: bits) }
    let constant = (1...400).map { _ in one }
    func judge(_ values: [BigFloat], _ comparison: [BigFloat]) -> ClaimOutcome {
        T2Check.judge(claim: claim, id: .t2Prime, reading: "test", values: values, comparison: comparison,
                      minimumLayer: one, scale: one, policy: fastPolicy, bits: bits, evidence: [])
    }
    #expect(judge(decaying, decaying).verdict == .holds)
    #expect(judge(constant, constant).verdict == .refuted)
    #expect(judge(constant, constant.map { $0 * BigFloat(3, precision: bits) }).verdict == .undecided)
}
