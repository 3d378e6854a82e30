import ArbitraryPrecision

/// The entropic plan P*_λ and a dual minimizer (u*, v*), as returned by
/// `Sinkhorn.solve`.
public struct EntropicPlan<Real: RealNumber>: Sendable {
    /// P*_λ = M(u*, v*), computed from the returned duals.
    public let plan: Matrix<Real>
    /// The balanced dual minimizer: Σ u* = Σ v*. Every minimizer is
    /// (u* + c·1, v* − c·1) for some real c.
    public let u: [Real]
    public let v: [Real]
    /// max over rows and columns of |marginal − 1/n|, measured on `plan`.
    public let marginalError: Real
    /// Full iterations (one u-update and one v-update each) performed, over
    /// all attempts and ε-scaling stages.
    public let iterations: Int
    /// How many of those iterations also took a Newton step.
    public let newtonSteps: Int
    public let precisionBits: Int
}

/// The error thrown when Sinkhorn cannot produce a reference plan.
public enum SinkhornError: Error, CustomStringConvertible, Equatable {
    /// The marginal error did not fall to the tolerance within the cap.
    case notConverged(iterations: Int, marginalError: String, tolerance: String)
    /// The marginal error stopped falling: typical of plans within
    /// exp(−p) of a permutation, whose Newton system is too ill-conditioned
    /// at this precision.
    /// `newtonSteps` counts the iterations that also took a Newton step.
    case stalled(iterations: Int, marginalError: String, tolerance: String, precisionBits: Int, newtonSteps: Int)
    /// A cost entry or λ is not a finite number, so no plan exists in range.
    case nonFiniteCost
    /// The tolerance is below what rounding at this precision allows.
    case toleranceBelowRounding(marginalError: String, tolerance: String, precisionBits: Int)

    public var description: String {
        switch self {
        case let .notConverged(iterations, error, tolerance):
            return "Sinkhorn did not converge: marginal error \(error) after \(iterations) iterations exceeds the tolerance \(tolerance); raise the iteration cap or λ"
        case let .stalled(iterations, error, tolerance, bits, _):
            return "Sinkhorn stalled: marginal error \(error) after \(iterations) iterations, tolerance \(tolerance); the plan is close to a permutation, so raise --precision above \(bits) bits (or raise λ)"
        case .nonFiniteCost:
            return "the cost matrix has an infinite or NaN entry (squared distances overflow); rescale the points"
        case let .toleranceBelowRounding(error, tolerance, bits):
            return "Sinkhorn stopped, but the plan's marginal error \(error) exceeds the tolerance \(tolerance) at \(bits) bits; raise the precision or the tolerance"
        }
    }
}

/// Log-domain Sinkhorn for uniform marginals.
///
/// Alternates the exact coordinate minimizations of the dual L in u and in v:
///
///     u_i ← −λ (log n + logsumexp_j((v_j − C_ij)/λ − 1))
///     v_j ← −λ (log n + logsumexp_i((u_i − C_ij)/λ − 1))
///
/// Each log-sum-exp is shifted by its largest term, so no exponential
/// overflows or underflows whatever C/λ is. After a v-update the column sums
/// are 1/n up to rounding; the next u-update moves u_i by δ_i, and the row
/// sums before it were (1/n)·exp(δ_i/λ), so the row error
/// max_i |expm1(δ_i/λ)|/n is known without forming M.
///
/// When the tolerance is not met after `newtonAfter` iterations, every
/// further iteration also takes a damped Newton step on L, so the solver is
/// Sinkhorn–Newton (Brauer, Clason, Lorenz and Wirth, 2017) from then on.
///
/// Stopping rule: stop when that row error is at most `tolerance`, and fail
/// when it is NaN, when it has not halved in 2000 iterations, or at the
/// iteration cap. The returned `marginalError` is then measured on the
/// plan itself, rows and columns, and must also be at most `tolerance`.
/// After a stall (error not halved) `solve` starts again with ε-scaling
/// (`anneal`), whose result or error is final.
public enum Sinkhorn {
    /// The default tolerance 2^(−p/2) at working precision p.
    public static func defaultTolerance<Real: RealNumber>(precision: Int) -> Real {
        Real.pow(Real(2, precision: precision), Real(-precision, precision: precision) / Real(2, precision: precision))
    }

    /// Solves `problem` to the given marginal tolerance.
    ///
    /// - Parameters:
    ///   - tolerance: the largest accepted |marginal − 1/n|; `nil` means 2^(−p/2).
    ///   - maxIterations: the cap on full Sinkhorn iterations.
    ///   - newtonAfter: Sinkhorn iterations before each further iteration
    ///     adds a damped Newton step on L (see `DualNewton`); `Int.max` gives
    ///     plain Sinkhorn.
    ///   - progress: receives a line about every 5 seconds of iterating, and
    ///     one when ε-scaling starts.
    /// - Throws: `SinkhornError` when the tolerance is not reached; an
    ///   unconverged plan is never returned.
    public static func solve<Real: RealNumber>(
        _ problem: TransportProblem<Real>,
        tolerance: Real? = nil,
        maxIterations: Int = 200_000,
        newtonAfter: Int = 100,
        progress: ((String) -> Void)? = nil
    ) throws -> EntropicPlan<Real> {
        guard problem.cost.elements.allSatisfy(\.isFinite), problem.regularization.isFinite else {
            throw SinkhornError.nonFiniteCost
        }
        let tolerance = tolerance ?? defaultTolerance(precision: problem.precisionBits)
        do {
            return try iterate(problem, tolerance: tolerance, maxIterations: maxIterations, newtonAfter: newtonAfter, initialV: nil, progress: progress)
        } catch let SinkhornError.stalled(iterations, error, _, _, newtonSteps) where !annealingStages(problem).isEmpty {
            progress?("Sinkhorn: marginal error stuck at \(error) after \(iterations) iterations; restarting with ε-scaling")
            let solution = try anneal(problem, tolerance: tolerance, maxIterations: maxIterations, newtonAfter: newtonAfter, progress: progress)
            return EntropicPlan(
                plan: solution.plan, u: solution.u, v: solution.v, marginalError: solution.marginalError,
                iterations: iterations + solution.iterations, newtonSteps: newtonSteps + solution.newtonSteps,
                precisionBits: solution.precisionBits)
        }
    }

    /// Returns the regularizations 4^K λ, …, 16λ, 4λ that `anneal` solves before
    /// λ itself, with max C / 16 ≤ 4^K λ < max C / 4. The list is empty when
    /// max C ≤ 16λ, because a restart would then repeat the stalled solve.
    static func annealingStages<Real: RealNumber>(_ problem: TransportProblem<Real>) -> [Real] {
        let p = problem.precisionBits
        let largestCost = problem.cost.elements.reduce(Real(0, precision: p)) { Real.maximum($0, $1) }
        let four = Real(4, precision: p)
        var stages: [Real] = []
        var stage = problem.regularization * four
        while stage * four < largestCost, stages.count < 4096 {
            stages.append(stage)
            stage = stage * four
        }
        return stages.reversed()
    }

    /// Solves `problem` again through the larger regularizations of
    /// `annealingStages` and then λ, each stage starting from the duals of the
    /// one before (ε-scaling). At large λ the plan is far from a permutation
    /// and the solver converges quickly, so each later stage starts close to
    /// its own minimizer. Every stage must meet `tolerance`, and a stage that
    /// fails ends the solve with its error.
    static func anneal<Real: RealNumber>(
        _ problem: TransportProblem<Real>, tolerance: Real, maxIterations: Int, newtonAfter: Int,
        progress: ((String) -> Void)? = nil
    ) throws -> EntropicPlan<Real> {
        let stages = annealingStages(problem) + [problem.regularization]
        var dualV: [Real]? = nil
        var iterations = 0
        var newtonSteps = 0
        var final: EntropicPlan<Real>? = nil
        for (index, regularization) in stages.enumerated() {
            let stageProblem = index == stages.count - 1
                ? problem
                : TransportProblem(source: problem.source, target: problem.target, regularization: regularization, precision: problem.precisionBits)
            let label = "ε-scaling stage \(index + 1) of \(stages.count)"
            let solution = try iterate(
                stageProblem, tolerance: tolerance, maxIterations: maxIterations, newtonAfter: newtonAfter, initialV: dualV,
                progress: progress.map { report in { report("\(label): \($0)") } })
            dualV = solution.v
            iterations += solution.iterations
            newtonSteps += solution.newtonSteps
            final = solution
        }
        let solution = final!
        return EntropicPlan(
            plan: solution.plan, u: solution.u, v: solution.v, marginalError: solution.marginalError,
            iterations: iterations, newtonSteps: newtonSteps, precisionBits: solution.precisionBits)
    }

    /// Runs the Sinkhorn–Newton iteration of `solve` from v = `initialV` (zero when `nil`).
    static func iterate<Real: RealNumber>(
        _ problem: TransportProblem<Real>, tolerance: Real, maxIterations: Int, newtonAfter: Int, initialV: [Real]?,
        progress: ((String) -> Void)? = nil
    ) throws -> EntropicPlan<Real> {
        let clock = ContinuousClock()
        var lastReport = clock.now
        let p = problem.precisionBits
        let n = problem.count
        let lambda = problem.regularization
        let logN = Real.log(Real(n, precision: p))
        let one = Real(1, precision: p)
        let uniform = problem.uniformMass

        var u = [Real](repeating: Real(0, precision: p), count: n)
        var v = initialV ?? [Real](repeating: Real(0, precision: p), count: n)
        var exponents = [Real](repeating: Real(0, precision: p), count: n)

        /// −λ (log n + logsumexp_k (w_k − C(k)) / λ − 1)
        func coordinateMinimum(_ w: [Real], cost: (Int) -> Real) -> Real {
            for k in 0..<n { exponents[k] = (w[k] - cost(k)) / lambda - one }
            var largest = exponents[0]
            for k in 1..<n where largest < exponents[k] { largest = exponents[k] }
            var sum = Real(0, precision: p)
            for k in 0..<n {
                var term = exponents[k] - largest
                term.formExp()
                sum.add(term)
            }
            return -lambda * (logN + largest + Real.log(sum))
        }

        func updateU() -> [Real] { (0..<n).map { i in coordinateMinimum(v) { problem.cost[i, $0] } } }
        func updateV() -> [Real] { (0..<n).map { j in coordinateMinimum(u) { problem.cost[$0, j] } } }

        u = updateU()
        v = updateV()
        var iterations = 1
        var newtonSteps = 0
        var bestError = Real(1, precision: p)
        var lastImprovement = 0
        let stallFactor = Real(1, precision: p) / Real(2, precision: p)
        let stallLimit = 2000
        var rowError = Real(0, precision: p)
        while true {
            let nextU = updateU()
            rowError = Real(0, precision: p)
            for i in 0..<n {
                let deviation = Real.expm1((u[i] - nextU[i]) / lambda).magnitude * uniform
                rowError = Real.maximum(rowError, deviation)
            }
            if rowError <= tolerance { break }
            if let progress, clock.now - lastReport >= .seconds(5) {
                lastReport = clock.now
                progress("Sinkhorn iteration \(iterations), row marginal error \(rowError.formatted(significantDigits: 3)), tolerance \(tolerance.formatted(significantDigits: 3))")
            }

            // NaN never converges, and an error that has not halved in
            // `stallLimit` iterations, Newton steps included, will not reach
            // the tolerance at this precision either.
            if rowError < bestError * stallFactor {
                bestError = rowError
                lastImprovement = iterations
            }
            if !rowError.isNaN && iterations - lastImprovement >= stallLimit {
                throw SinkhornError.stalled(
                    iterations: iterations,
                    marginalError: rowError.formatted(significantDigits: 3),
                    tolerance: tolerance.formatted(significantDigits: 3),
                    precisionBits: p,
                    newtonSteps: newtonSteps)
            }
            guard !rowError.isNaN, iterations < maxIterations else {
                throw SinkhornError.notConverged(
                    iterations: iterations,
                    marginalError: rowError.formatted(significantDigits: 3),
                    tolerance: tolerance.formatted(significantDigits: 3))
            }
            u = nextU
            v = updateV()
            iterations += 1

            // Past the first iterations, a Newton step (followed by the exact
            // v-update) replaces Sinkhorn's linear rate by a quadratic one.
            if iterations > newtonAfter, let improved = DualNewton.step(problem, u: u, v: v) {
                u = improved.u
                v = updateV()
                newtonSteps += 1
            }
        }

        // Balance the minimizer: shifting by c = (Σv − Σu)/(2n) leaves M unchanged.
        var shift = Real(0, precision: p)
        for i in 0..<n { shift.add(v[i] - u[i]) }
        shift = shift / Real(2 * n, precision: p)
        u = u.map { $0 + shift }
        v = v.map { $0 - shift }

        let plan = problem.kernelMatrix(u: u, v: v)
        let marginalError = MarginalErrors(of: plan, target: uniform).maxError
        guard marginalError <= tolerance else {
            throw SinkhornError.toleranceBelowRounding(
                marginalError: marginalError.formatted(significantDigits: 3),
                tolerance: tolerance.formatted(significantDigits: 3),
                precisionBits: p)
        }
        return EntropicPlan(plan: plan, u: u, v: v, marginalError: marginalError, iterations: iterations, newtonSteps: newtonSteps, precisionBits: p)
    }
}
