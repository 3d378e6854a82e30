import Campaign

/// Draws the source and target points of one `PointSetKind` from a stream.
struct PointSetSampler {
    var random: SplitMix64

    /// Returns n source and n target points. `dimension` applies to the
    /// kinds without a fixed d; sorting lists have d = 1, iris d = 4,
    /// high-dimension draws d from `highDimensions`, wine draws its columns.
    mutating func draw(_ kind: PointSetKind, count n: Int, dimension d: Int, highDimensions: [Int]) -> (source: [[ExactNumber]], target: [[ExactNumber]]) {
        switch kind {
        case .uniformCube:
            return (cube(n, d, places: 2), cube(n, d, places: 2))
        case .gaussian:
            return (gaussian(n, d, scales: Array(repeating: 1, count: d)), gaussian(n, d, scales: Array(repeating: 1, count: d)))
        case .anisotropic:
            let scales = (0..<d).map { _ in [0.01, 1, 100][random.nextInt(below: 3)] }
            return (gaussian(n, d, scales: scales), gaussian(n, d, scales: scales))
        case .clustered:
            let centers = (0..<(2 + random.nextInt(below: 2))).map { _ in (0..<d).map { _ in 10 * random.nextUnitInterval() } }
            return (clustered(n, centers), clustered(n, centers))
        case .duplicated:
            return (withRepeats(cube(n, d, places: 2)), withRepeats(cube(n, d, places: 2)))
        case .nearTies:
            return (nearTies(n, d), nearTies(n, d))
        case .collinear:
            let direction = (0..<d).map { _ in random.nextInt(below: 5) - 2 }
            let offset = (0..<d).map { _ in random.nextInt(below: 3) }
            return (line(n, direction, offset), line(n, direction, offset))
        case .largeScale:
            return (cube(n, d, places: 3, exponent: 6), cube(n, d, places: 3, exponent: 6))
        case .tinyScale:
            return (cube(n, d, places: 3, exponent: -6), cube(n, d, places: 3, exponent: -6))
        case .highDimension:
            let high = highDimensions.isEmpty ? d : highDimensions[random.nextInt(below: highDimensions.count)]
            return (cube(n, high, places: 1), cube(n, high, places: 1))
        case .rationalGrid:
            return (rationalGrid(n, d), rationalGrid(n, d))
        case .iris:
            return (rows(of: DataSets.iris, n, columns: Array(0..<4)), rows(of: DataSets.iris, n, columns: Array(0..<4)))
        case .wine:
            let columns = Array(random.permutation(of: 13).prefix(Swift.min(d, 13))).sorted()
            return (rows(of: DataSets.wine, n, columns: columns), rows(of: DataSets.wine, n, columns: columns))
        case .sortingPermutation:
            return (random.permutation(of: n).map { [.rational($0, n)] }, increasingTargets(n))
        case .sortingTies:
            return ((0..<n).map { _ in [.rational(random.nextInt(below: 4), 3)] }, increasingTargets(n))
        case .sortingSorted:
            return (sortedDistinct(n).map { [$0] }, increasingTargets(n))
        case .sortingReversed:
            return (sortedDistinct(n).reversed().map { [$0] }, increasingTargets(n))
        }
    }

    private mutating func cube(_ n: Int, _ d: Int, places: Int, exponent: Int = 0) -> [[ExactNumber]] {
        (0..<n).map { _ in (0..<d).map { _ in ExactNumber.scientific(random.nextUnitInterval(), places: places, exponent: exponent) } }
    }

    private mutating func gaussian(_ n: Int, _ d: Int, scales: [Double]) -> [[ExactNumber]] {
        (0..<n).map { _ in (0..<d).map { k in ExactNumber.rounding(random.nextGaussian() * scales[k], places: scales[k] < 1 ? 4 : 2) } }
    }

    private mutating func clustered(_ n: Int, _ centers: [[Double]]) -> [[ExactNumber]] {
        (0..<n).map { _ in
            let center = centers[random.nextInt(below: centers.count)]
            return center.map { ExactNumber.rounding($0 + 0.1 * random.nextGaussian(), places: 2) }
        }
    }

    /// Replaces about a third of the points by copies of others.
    private mutating func withRepeats(_ points: [[ExactNumber]]) -> [[ExactNumber]] {
        var result = points
        for i in result.indices where result.count > 1 && random.nextInt(below: 3) == 0 {
            result[i] = result[random.nextInt(below: result.count)]
        }
        return result
    }

    private mutating func nearTies(_ n: Int, _ d: Int) -> [[ExactNumber]] {
        var result: [[ExactNumber]] = []
        while result.count < n {
            let base = (0..<d).map { _ in 0.001 * Double(random.nextInt(below: 1000)) }
            result.append(base.map { ExactNumber.rounding($0, places: 3) })
            if result.count < n {
                var twin = base
                twin[random.nextInt(below: d)] += 0.001
                result.append(twin.map { ExactNumber.rounding($0, places: 3) })
            }
        }
        return result
    }

    private mutating func line(_ n: Int, _ direction: [Int], _ offset: [Int]) -> [[ExactNumber]] {
        (0..<n).map { _ in
            let k = random.nextInt(below: 21)
            return zip(direction, offset).map { ExactNumber.rational(k * $0 + 20 * $1, 20) }
        }
    }

    private mutating func rationalGrid(_ n: Int, _ d: Int) -> [[ExactNumber]] {
        (0..<n).map { _ in
            (0..<d).map { _ in
                let denominator = [2, 3, 5, 7][random.nextInt(below: 4)]
                return ExactNumber.rational(random.nextInt(below: 2 * denominator + 1), denominator)
            }
        }
    }

    private mutating func rows(of table: [[ExactNumber]], _ n: Int, columns: [Int]) -> [[ExactNumber]] {
        (0..<n).map { _ in
            let row = table[random.nextInt(below: table.count)]
            return columns.map { row[$0] }
        }
    }

    private func increasingTargets(_ n: Int) -> [[ExactNumber]] {
        (0..<n).map { [.rational($0, n)] }
    }

    /// n distinct values k/max(20, n), increasing.
    private mutating func sortedDistinct(_ n: Int) -> [ExactNumber] {
        let size = Swift.max(20, n)
        return random.permutation(of: size).prefix(n).sorted().map { .rational($0, size) }
    }
}
