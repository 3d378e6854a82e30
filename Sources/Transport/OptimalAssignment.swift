import ArbitraryPrecision

/// The unregularized optimum (λ = 0) for uniform marginals: by Birkhoff's
/// theorem an optimal plan is 1/n times a permutation matrix.
public struct OptimalAssignment<Real: RealNumber>: Sendable {
    /// `permutation[i]` is the target matched to source i.
    public let permutation: [Int]
    /// ⟨C, P*⟩ = (1/n) Σ_i C_{i, σ(i)}.
    public let cost: Real
}

extension TransportProblem {
    /// Solves the assignment problem on the working-precision cost matrix.
    ///
    /// For d = 1 the optimal matching pairs the i-th smallest source with the
    /// i-th smallest target (ties broken by index). Otherwise the Hungarian
    /// algorithm with dual potentials runs in O(n³) comparisons and
    /// additions. NOTE: its potentials are sums of costs rounded to the
    /// working precision, so on costs that differ only below rounding it may
    /// pick a matching whose cost is within a few ulps of the optimum.
    public func optimalAssignment() -> OptimalAssignment<Real> {
        let permutation = dimension == 1 ? sortedMatching() : hungarianMatching()
        var total = Real(0, precision: precisionBits)
        for i in 0..<count { total.add(cost[i, permutation[i]]) }
        return OptimalAssignment(permutation: permutation, cost: total * uniformMass)
    }

    func sortedMatching() -> [Int] {
        let sourceOrder = source.indices.sorted { (source[$0][0], $0) < (source[$1][0], $1) }
        let targetOrder = target.indices.sorted { (target[$0][0], $0) < (target[$1][0], $1) }
        var permutation = [Int](repeating: 0, count: count)
        for rank in 0..<count { permutation[sourceOrder[rank]] = targetOrder[rank] }
        return permutation
    }

    /// The Hungarian algorithm (Kuhn–Munkres) with row potentials `a`, column
    /// potentials `b` and shortest augmenting paths, 1-based with column 0 as
    /// the virtual start.
    func hungarianMatching() -> [Int] {
        let n = count
        let p = precisionBits
        let zero = Real(0, precision: p)
        var a = [Real](repeating: zero, count: n + 1)
        var b = [Real](repeating: zero, count: n + 1)
        var matchedRow = [Int](repeating: 0, count: n + 1)
        var predecessor = [Int](repeating: 0, count: n + 1)

        for row in 1...n {
            matchedRow[0] = row
            var column0 = 0
            var slack = [Real?](repeating: nil, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[column0] = true
                let i0 = matchedRow[column0]
                var delta: Real? = nil
                var column1 = 0
                for j in 1...n where !used[j] {
                    let reduced = cost[i0 - 1, j - 1] - a[i0] - b[j]
                    if slack[j] == nil || reduced < slack[j]! {
                        slack[j] = reduced
                        predecessor[j] = column0
                    }
                    if delta == nil || slack[j]! < delta! {
                        delta = slack[j]
                        column1 = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        a[matchedRow[j]] = a[matchedRow[j]] + delta!
                        b[j] = b[j] - delta!
                    } else if let current = slack[j] {
                        slack[j] = current - delta!
                    }
                }
                column0 = column1
            } while matchedRow[column0] != 0
            repeat {
                let column1 = predecessor[column0]
                matchedRow[column0] = matchedRow[column1]
                column0 = column1
            } while column0 != 0
        }

        var permutation = [Int](repeating: 0, count: n)
        for j in 1...n { permutation[matchedRow[j] - 1] = j - 1 }
        return permutation
    }
}
