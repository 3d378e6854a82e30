import Testing
@testable import ArbitraryPrecision
@testable import Transport

private func permutations(_ n: Int) -> [[Int]] {
    if n == 0 { return [[]] }
    return permutations(n - 1).flatMap { base in (0...base.count).map { var p = base; p.insert(n - 1, at: $0); return p } }
}

private func randomPoints(_ count: Int, _ dimension: Int, _ state: inout UInt64) -> [[Double]] {
    (0..<count).map { _ in
        (0..<dimension).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 40) / Double(1 << 24)
        }
    }
}

@Test func hungarianMatchesBruteForce() {
    var state: UInt64 = 7
    for n in 1...6 {
        for _ in 0..<5 {
            let problem = TransportProblem<Double>(source: randomPoints(n, 2, &state), target: randomPoints(n, 2, &state), regularization: 1, precision: 53)
            let assignment = problem.optimalAssignment()
            let best = permutations(n).map { p in (0..<n).reduce(0.0) { $0 + problem.cost[$1, p[$1]] } }.min()!
            #expect(abs(assignment.cost * Double(n) - best) < 1e-12, "n = \(n)")
            #expect(Set(assignment.permutation).count == n)
        }
    }
}

@Test func hungarianAgreesWithSortInOneDimension() {
    var state: UInt64 = 11
    for n in [3, 7, 12] {
        let problem = TransportProblem<Double>(source: randomPoints(n, 1, &state), target: randomPoints(n, 1, &state), regularization: 1, precision: 53)
        #expect(problem.hungarianMatching() == problem.sortedMatching())
    }
}

@Test func sortedMatchingPairsRanks() {
    let problem = TransportProblem<Double>(source: [[3], [1], [2]], target: [[20], [30], [10]], regularization: 1, precision: 53)
    #expect(problem.optimalAssignment().permutation == [1, 2, 0])
}
