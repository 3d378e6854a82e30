import Foundation
import Testing
@testable import ArbitraryPrecision
@testable import Transport

private func decimal(_ text: String, _ precision: Int = 256) -> BigFloat {
    try! BigFloat(decimal: text, precision: precision)
}

private func problem(_ source: [[String]], _ target: [[String]], lambda: String, precision: Int = 256) -> TransportProblem<BigFloat> {
    TransportProblem(
        source: source.map { $0.map { decimal($0, precision) } },
        target: target.map { $0.map { decimal($0, precision) } },
        regularization: decimal(lambda, precision), precision: precision)
}

@Test func sinkhornMatchesDecimalReference() throws {
    // Reference from Fixtures/make_reference_plan.py (Python decimal, 100 digits).
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reference_plan.txt")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    let lambda = try #require(lines.first { $0[0] == "lambda" })[1]
    let source = lines.filter { $0[0] == "source" }.map { Array($0.dropFirst()) }
    let target = lines.filter { $0[0] == "target" }.map { Array($0.dropFirst()) }
    let expected = lines.filter { $0[0] == "plan" }.map { Array($0.dropFirst()) }

    let solved = try Sinkhorn.solve(problem(source, target, lambda: lambda))
    let bound = decimal("1e-35")
    for i in 0..<expected.count {
        for j in 0..<expected[i].count {
            let difference = (solved.plan[i, j] - decimal(expected[i][j])).magnitude
            #expect(difference < bound, "plan[\(i)][\(j)] differs by \(difference.formatted(significantDigits: 3))")
        }
    }
}

@Test func twoPointPlanMatchesClosedForm() throws {
    // For n = 2 the plan is [[a, 1/2 − a], [1/2 − a, a]] with a = t / (2(1 + t)),
    // t = exp(((C12 + C21) − (C11 + C22)) / (2λ)).
    let solved = try Sinkhorn.solve(problem([["0.3"], ["1.1"]], [["0.2"], ["0.9"]], lambda: "0.25"))
    let c = problem([["0.3"], ["1.1"]], [["0.2"], ["0.9"]], lambda: "0.25").cost
    let t = BigFloat.exp(((c[0, 1] + c[1, 0]) - (c[0, 0] + c[1, 1])) / (BigFloat(2, precision: 256) * decimal("0.25")))
    let diagonal = t / (BigFloat(2, precision: 256) * (BigFloat(1, precision: 256) + t))
    // The default tolerance 2^-128 ≈ 2.9e-39 bounds the marginal error, and so the plan's.
    #expect((solved.plan[0, 0] - diagonal).magnitude < decimal("1e-37"))
    #expect((solved.plan[1, 1] - diagonal).magnitude < decimal("1e-37"))
}

@Test func sinkhornMarginalsAndBalance() throws {
    let solved = try Sinkhorn.solve(problem([["0"], ["1"], ["2.5"]], [["0.5"], ["3"], ["-1"]], lambda: "0.3"))
    let marginals = MarginalErrors(of: solved.plan, target: decimal("1") / decimal("3"))
    let tolerance: BigFloat = Sinkhorn.defaultTolerance(precision: 256)
    #expect(marginals.maxError <= tolerance)
    #expect(solved.marginalError <= tolerance)
    var balance = BigFloat(0, precision: 256)
    for (a, b) in zip(solved.u, solved.v) { balance = balance + a - b }
    #expect(balance.magnitude < decimal("1e-70"))
}

@Test func sinkhornRejectsIterationCap() {
    let small = problem([["0"], ["1"], ["2"]], [["0.1"], ["1.7"], ["2.2"]], lambda: "0.01")
    #expect(throws: SinkhornError.self) {
        _ = try Sinkhorn.solve(small, maxIterations: 2)
    }
}

@Test func sinkhornRejectsToleranceBelowRounding() {
    let small = problem([["0"], ["1"]], [["0.3"], ["1.2"]], lambda: "0.5", precision: 64)
    #expect(throws: SinkhornError.self) {
        _ = try Sinkhorn.solve(small, tolerance: decimal("1e-60", 64))
    }
}

@Test func sinkhornRunsInDouble() throws {
    let x: [[Double]] = [[0], [1], [2.5]]
    let y: [[Double]] = [[0.5], [3], [-1]]
    let doubleProblem = TransportProblem<Double>(source: x, target: y, regularization: 0.3, precision: 53)
    let solved = try Sinkhorn.solve(doubleProblem, tolerance: 1e-12)
    let precise = try Sinkhorn.solve(problem([["0"], ["1"], ["2.5"]], [["0.5"], ["3"], ["-1"]], lambda: "0.3"))
    for (a, b) in zip(solved.plan.elements, precise.plan.elements) {
        #expect(abs(a - b.doubleValue) < 1e-11)
    }
}

@Test func dualObjectiveAtMinimizer() throws {
    // At the minimizer Σ M = 1, so L(u*, v*) = λ − (Σu* + Σv*)/n.
    let p = problem([["0.2", "1"], ["1", "0"]], [["0", "0.5"], ["0.7", "0.3"]], lambda: "0.4")
    let solved = try Sinkhorn.solve(p)
    var sum = BigFloat(0, precision: 256)
    for value in solved.u + solved.v { sum = sum + value }
    let expected = decimal("0.4") - sum / BigFloat(2, precision: 256)
    #expect((p.dualObjective(u: solved.u, v: solved.v) - expected).magnitude < decimal("1e-70"))
}

@Test func smallLambdaStallIsSolvedByAnnealing() throws {
    // Two close sources compete for two close targets at λ = 1e-8: from zero
    // duals, Sinkhorn–Newton stops improving. Starting from the duals of
    // λ = 4^k · 1e-8, k = K…1, reaches the plan.
    let close = problem([["0.956"], ["0.948"], ["0.057"], ["0.085"]], [["0.835"], ["0.736"], ["0.670"], ["0.308"]], lambda: "1e-8")
    let tolerance: BigFloat = Sinkhorn.defaultTolerance(precision: 256)
    var stalledIterations = 0
    var stalledNewtonSteps = 0
    do {
        _ = try Sinkhorn.iterate(close, tolerance: tolerance, maxIterations: 200_000, newtonAfter: 100, initialV: nil)
        Issue.record("Sinkhorn–Newton from zero duals converged; this case no longer tests ε-scaling")
    } catch let SinkhornError.stalled(iterations, _, _, _, newtonSteps) {
        stalledIterations = iterations
        stalledNewtonSteps = newtonSteps
    }

    // The counts cover the stalled attempt and every ε-scaling stage.
    let solved = try Sinkhorn.solve(close)
    let annealed = try Sinkhorn.anneal(close, tolerance: tolerance, maxIterations: 200_000, newtonAfter: 100)
    #expect(stalledIterations > 2000)
    #expect(solved.iterations == stalledIterations + annealed.iterations)
    #expect(solved.newtonSteps == stalledNewtonSteps + annealed.newtonSteps)
    let marginals = MarginalErrors(of: solved.plan, target: decimal("0.25"))
    #expect(marginals.maxError <= tolerance)
    #expect(solved.plan[2, 3] > decimal("0.2499"))
}

@Test(arguments: [64, 90])
func nearlyDecoupledBlocksConverge(precision: Int) throws {
    // The plan splits into blocks linked by entries near 1e-20 and 1e-30, so
    // the Hessian is nearly singular beyond the (1, −1) direction, and the
    // accepted Newton step is far below 2^−40 of the full one.
    let source = [["0.7142857142857143", "0.3333333333333333", "1"], ["0.8571428571428571", "1.5", "0.5"], ["1", "0", "1"],
                  ["1", "0.6666666666666666", "1"], ["2", "0.8", "1.3333333333333333"]]
    let target = [["0.42857142857142855", "1.6", "1"], ["2", "1.8571428571428572", "2"], ["1.2857142857142858", "0.5714285714285714", "0.5714285714285714"],
                  ["2", "0.6666666666666666", "0.3333333333333333"], ["0.5714285714285714", "0.2857142857142857", "0.2"]]
    let blocks = problem(source, target, lambda: "0.01", precision: precision)
    let tolerance: BigFloat = Sinkhorn.defaultTolerance(precision: precision)
    let solved = try Sinkhorn.iterate(blocks, tolerance: tolerance, maxIterations: 200_000, newtonAfter: 100, initialV: nil)
    #expect(solved.marginalError <= tolerance)
}
