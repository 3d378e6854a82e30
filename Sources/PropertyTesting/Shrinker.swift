import Campaign

/// Greedy shrinking of a failing case: try simpler candidates in a fixed
/// order and move to the first one on which the property still fails, until
/// no candidate fails or the evaluation budget is spent.
///
/// Candidates, in order: fewer points (the first half, then each point pair
/// (x_i, y_i) removed), lower d (first coordinate only, first half, each
/// coordinate removed), fewer layers, simpler initial duals, λ and γ both
/// ten times larger (while max C/λ ≥ 0.01), and simpler coordinates (all
/// rounded to integers or 1 decimal, then each one set to 0 or rounded).
/// Every accepted step lowers n, d, the depth, the duals' complexity or a
/// coordinate's `simplicity` rank, or raises λ up to that bound, so shrinking
/// terminates even without the budget.
public enum Shrinker {
    public struct Result: Sendable {
        public let minimal: PropertyCase
        public let message: String
        /// Accepted shrinking steps.
        public let steps: Int
        /// Property evaluations spent.
        public let evaluations: Int
        /// Whether shrinking stopped at `deadline` rather than at a minimum
        /// or at the evaluation budget.
        public let stoppedAtDeadline: Bool
    }

    /// Shrinks `failing` greedily. Without a `deadline` the result depends
    /// on the case alone; with one, it also depends on the machine's speed.
    /// `progress` receives a line about every 5 seconds.
    public static func shrink(
        _ failing: PropertyCase, message: String, property: Property, precision: Int, maxEvaluations: Int,
        deadline: ContinuousClock.Instant? = nil, progress: ((String) -> Void)? = nil
    ) -> Result {
        let clock = ContinuousClock()
        var lastReport = clock.now
        var current = failing
        var currentMessage = message
        var steps = 0
        var evaluations = 0
        var improved = true
        var stoppedAtDeadline = false
        while improved && evaluations < maxEvaluations {
            improved = false
            for candidate in candidates(current) {
                guard evaluations < maxEvaluations else { break }
                if let deadline, clock.now >= deadline {
                    stoppedAtDeadline = true
                    break
                }
                if let progress, clock.now - lastReport >= .seconds(5) {
                    lastReport = clock.now
                    progress("shrinking: \(steps) steps, \(evaluations) evaluations, now n = \(current.count), d = \(current.dimension)")
                }
                evaluations += 1
                if case let .fail(text) = property.evaluate(candidate, precision: precision) {
                    current = candidate
                    currentMessage = text
                    steps += 1
                    improved = true
                    break
                }
            }
        }
        return Result(minimal: current, message: currentMessage, steps: steps, evaluations: evaluations, stoppedAtDeadline: stoppedAtDeadline)
    }

    /// Simpler variants of `testCase`, most drastic first.
    public static func candidates(_ testCase: PropertyCase) -> [PropertyCase] {
        fewerPoints(testCase) + lowerDimension(testCase) + fewerLayers(testCase)
            + simplerDuals(testCase) + largerLambda(testCase) + simplerCoordinates(testCase)
    }

    static func fewerPoints(_ testCase: PropertyCase) -> [PropertyCase] {
        let n = testCase.count
        guard n >= 2 else { return [] }
        var result: [PropertyCase] = []
        if n >= 4 { result.append(keeping(Array(0..<(n / 2)), of: testCase)) }
        for removed in 0..<n {
            result.append(keeping((0..<n).filter { $0 != removed }, of: testCase))
        }
        return result
    }

    static func keeping(_ indices: [Int], of testCase: PropertyCase) -> PropertyCase {
        var copy = testCase
        copy.source = indices.map { testCase.source[$0] }
        copy.target = indices.map { testCase.target[$0] }
        var duals = testCase.initialDuals
        for removed in (0..<testCase.count).reversed() where !indices.contains(removed) {
            duals = duals.removing(index: removed)
        }
        copy.initialDuals = duals
        return copy
    }

    static func lowerDimension(_ testCase: PropertyCase) -> [PropertyCase] {
        let d = testCase.dimension
        guard d >= 2 else { return [] }
        var keptSets: [[Int]] = [[0]]
        if d >= 4 { keptSets.append(Array(0..<(d / 2))) }
        for removed in 0..<d { keptSets.append((0..<d).filter { $0 != removed }) }
        return keptSets.map { kept in
            var copy = testCase
            copy.source = testCase.source.map { point in kept.map { point[$0] } }
            copy.target = testCase.target.map { point in kept.map { point[$0] } }
            return copy
        }
    }

    static func fewerLayers(_ testCase: PropertyCase) -> [PropertyCase] {
        let layers = testCase.layers
        let options = [1, layers / 2, layers - 1].filter { $0 >= 1 && $0 < layers }
        return Array(Set(options)).sorted().map { depth in
            var copy = testCase
            copy.layers = depth
            return copy
        }
    }

    static func simplerDuals(_ testCase: PropertyCase) -> [PropertyCase] {
        guard testCase.initialDuals != .zero else { return [] }
        var copy = testCase
        copy.initialDuals = .zero
        return [copy]
    }

    static func largerLambda(_ testCase: PropertyCase) -> [PropertyCase] {
        guard testCase.maxCostOverLambda >= 0.01 else { return [] }
        var copy = testCase
        copy.regularization = testCase.regularization.timesTen
        copy.stepsize = testCase.stepsize.timesTen
        // The distance to the minimizer is in the units of λ as well.
        if case let .nearMinimizer(distance, a, b) = testCase.initialDuals {
            copy.initialDuals = .nearMinimizer(distance: distance.timesTen, directionU: a, directionV: b)
        }
        return [copy]
    }

    static func simplerCoordinates(_ testCase: PropertyCase) -> [PropertyCase] {
        var result: [PropertyCase] = []
        for places in [0, 1] {
            var copy = testCase
            copy.source = testCase.source.map { $0.map { $0.simplified(places: places) } }
            copy.target = testCase.target.map { $0.map { $0.simplified(places: places) } }
            if copy != testCase && copy.coordinateRank < testCase.coordinateRank { result.append(copy) }
        }
        for side in 0..<2 {
            let points = side == 0 ? testCase.source : testCase.target
            for i in points.indices {
                for k in points[i].indices {
                    let original = points[i][k]
                    let options = [ExactNumber.rational(0, 1), original.simplified(places: 0), original.simplified(places: 1), original.simplified(places: 2)]
                    for option in options where option.simplicity < original.simplicity {
                        var copy = testCase
                        if side == 0 { copy.source[i][k] = option } else { copy.target[i][k] = option }
                        result.append(copy)
                    }
                }
            }
        }
        return result
    }
}

extension PropertyCase {
    /// The sum of the coordinates' `simplicity` ranks.
    var coordinateRank: Int {
        (source + target).reduce(0) { total, point in point.reduce(total) { $0 + $1.simplicity } }
    }
}

extension ExactNumber {
    /// A rank for shrinking: 0 for zero, then integers by digit count, then
    /// other numbers by the length of their exact spelling.
    var simplicity: Int {
        if (value(precision: 53) as Double) == 0 { return 0 }
        let text = description
        if case .rational(_, 1) = self { return text.count }
        if text.allSatisfy({ $0.isNumber || $0 == "-" }) { return text.count }
        return 20 + text.count
    }

    /// The float64 value rounded to `places` decimals, as an exact decimal
    /// (an integer when `places` is 0).
    func simplified(places: Int) -> ExactNumber {
        let rounded = ExactNumber.rounding(value(precision: 53), places: places)
        if places == 0, let integer = Int(rounded.description) { return .rational(integer, 1) }
        return rounded
    }

    /// Ten times the value, exactly: the decimal exponent or the numerator
    /// grows by one order.
    var timesTen: ExactNumber {
        switch self {
        case let .rational(numerator, denominator):
            return .rational(numerator * 10, denominator)
        case let .decimal(text):
            guard let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
                  let exponent = Int(text[text.index(after: marker)...]) else {
                return .decimal(text + "e1")
            }
            return .decimal(String(text[..<marker]) + "e\(exponent + 1)")
        }
    }
}
