import ArbitraryPrecision
import Transport

/// The hidden layer of the construction, computed from a factored form of
/// its scores in O(n) exponentials and O(n²) multiply-adds per layer.
///
/// A hidden layer changes only the u and v columns (the value matrices write
/// `mass` into u and v), so the features x, y, their norms, the ones and
/// `mass` keep their prompt values. For real tokens i, j ≤ n head U's score is
/// `S_ij = B_ij + u_i/λ + v_j/λ` with the layer-invariant `B_ij = −C_ij/λ − 1`.
/// Key n + 1 carries only `mass = −1/n`, u and v, so it scores `v̄/λ` for every
/// real query of head U (ū/λ for head V), where ū, v̄ are the u and v of token
/// n + 1. With `K = exp(B)` computed once, shifts `β = max_j v_j/λ` and
/// `b_j = exp(v_j/λ − β)`, and `t_i = exp((v̄ − u_i)/λ − β)`, head U's
/// softmax row i is proportional to `(K_i1 b_1, …, K_in b_n, t_i)` and its
/// output in column u is
///
///     (r_i + t_i · mass_{n+1}) / (r_i + t_i),   r_i = Σ_j K_ij b_j.
///
/// Head V is the same with K transposed and u, v swapped. Token n + 1 as a
/// query scores every real key `ū/λ` and itself 0 in head U (v̄/λ and 0 in
/// head V), so its output is `(n e^a + mass_{n+1}) / (n e^a + 1)`, a = ū/λ.
/// A layer costs 2n + 4 exponentials, 2n divisions and 2n² products and
/// sums, against 2(n + 1)² exponentials for `DenseLayerEngine`.
///
/// Rounding: every operation rounds to nearest at the working precision p,
/// and in MPFR the sums r_i and c_j are accumulated in fixed point and
/// rounded once (`FixedPointKernel`). Each weight therefore carries a
/// relative error of a few units of 2^−p times the magnitude of its exponent
/// (|B_ij| + |v_j/λ − β| + …). The dense engine's scores carry a similar
/// error from the cancellation in `−‖x_i‖² + 2⟨x_i, y_j⟩ − ‖y_j‖²`. The two
/// engines therefore agree to a small multiple of `2^−p · max |S_ij|` per
/// layer, not bit for bit.
/// The shifts by β keep b_j ≤ 1 and r_i ≥ K_ij* for the j* attaining β, so
/// nothing overflows. MPFR's exponent range (about ±2^30 binary orders)
/// makes underflow of K impossible for any practical λ; in `Double`, K_ij
/// underflows once C_ij/λ exceeds about 708, which `supports` rejects.
public struct FactoredEngine<Real: RealNumber>: Sendable {
    public let count: Int
    let layout: PromptLayout
    let regularization: Real
    /// K_ij = exp(−C_ij/λ − 1), row-major n × n.
    let kernelBase: [Real]
    /// K in fixed point for the MPFR sums; `nil` in `Double`.
    let fixedPointKernel: FixedPointKernel?

    // Per-layer buffers.
    var scaledU: [Real]       // u_i/λ
    var scaledV: [Real]       // v_j/λ
    var expU: [Real]          // exp(u_i/λ − β_u)
    var expV: [Real]          // exp(v_j/λ − β_v)
    var rowSums: [Real]       // r_i = Σ_j K_ij exp(v_j/λ − β_v)
    var columnSums: [Real]    // c_j = Σ_i K_ij exp(u_i/λ − β_u)
    var extraWeightU: [Real]  // t_i of head U
    var extraWeightV: [Real]  // t_j of head V
    var outputU: [Real]       // head U's output in column u, per real query
    var outputV: [Real]       // head V's output in column v
    var scratch: Real
    var denominator: Real

    /// Whether the factored form is sound for `problem` at its precision:
    /// every K_ij = exp(−C_ij/λ − 1) must be a nonzero finite number.
    public static func supports(_ problem: TransportProblem<Real>) -> Bool {
        kernelBase(problem).allSatisfy { !$0.isZero && $0.isFinite }
    }

    static func kernelBase(_ problem: TransportProblem<Real>) -> [Real] {
        let one = Real(1, precision: problem.precisionBits)
        return problem.cost.elements.map { cost in
            var entry = -(cost / problem.regularization + one)
            entry.formExp()
            return entry
        }
    }

    /// Creates the engine for the prompt of `problem`.
    ///
    /// - Precondition: `supports(problem)`.
    public init(problem: TransportProblem<Real>) {
        let n = problem.count
        let p = problem.precisionBits
        count = n
        layout = PromptLayout(dimension: problem.dimension)
        regularization = problem.regularization
        kernelBase = Self.kernelBase(problem)
        precondition(kernelBase.allSatisfy { !$0.isZero && $0.isFinite }, "exp(−C/λ − 1) leaves the number range; use DenseLayerEngine")
        fixedPointKernel = (kernelBase as? [BigFloat]).flatMap { FixedPointKernel(kernel: $0, count: n, precision: p) }

        func buffer() -> [Real] { (0..<n).map { _ in Real(0, precision: p) } }
        scaledU = buffer()
        scaledV = buffer()
        expU = buffer()
        expV = buffer()
        rowSums = buffer()
        columnSums = buffer()
        extraWeightU = buffer()
        extraWeightV = buffer()
        outputU = buffer()
        outputV = buffer()
        scratch = Real(0, precision: p)
        denominator = Real(0, precision: p)
    }

    /// Replaces the u and v columns of `tokens` by their values after one
    /// hidden layer with stepsize γ, `u ← u − γ · out_U`, `v ← v − γ · out_V`,
    /// each rounded as `γ · out` followed by the subtraction.
    ///
    /// - Precondition: `tokens` is the engineered prompt after zero or more
    ///   hidden layers of this problem (only u and v differ from the prompt).
    @_specialize(where Real == BigFloat)
    @_specialize(where Real == Double)
    ///
    /// - Returns: `false`, leaving `tokens` unchanged, when a softmax row sum
    ///   leaves the number range (zero, infinite or NaN).
    public mutating func forward(_ tokens: inout Matrix<Real>, stepsize: Real) -> Bool {
        let n = count
        precondition(tokens.rows == n + 1 && tokens.columns == layout.width, "the engine was built for \(n + 1) × \(layout.width) tokens")
        guard computeFactors(tokens) else { return false }

        let extraMass = tokens[n, layout.mass]
        Self.headOutputs(&outputU, sums: rowSums, extraWeights: extraWeightU, extraMass: extraMass, denominator: &denominator)
        Self.headOutputs(&outputV, sums: columnSums, extraWeights: extraWeightV, extraMass: extraMass, denominator: &denominator)
        let extraOutputU = extraQueryOutput(tokens[n, layout.u], extraMass: extraMass)
        let extraOutputV = extraQueryOutput(tokens[n, layout.v], extraMass: extraMass)

        for i in 0..<n {
            scratch.assignProduct(stepsize, outputU[i])
            tokens.elements[i * layout.width + layout.u].subtract(scratch)
            scratch.assignProduct(stepsize, outputV[i])
            tokens.elements[i * layout.width + layout.v].subtract(scratch)
        }
        scratch.assignProduct(stepsize, extraOutputU)
        tokens.elements[n * layout.width + layout.u].subtract(scratch)
        scratch.assignProduct(stepsize, extraOutputV)
        tokens.elements[n * layout.width + layout.v].subtract(scratch)
        return true
    }

    /// Computes u/λ, v/λ, the shifted exponentials, the row sums r, the
    /// column sums c and the weights t of key n + 1 from the u and v columns.
    /// Returns whether every sum and weight is a nonzero finite number.
    @_specialize(where Real == BigFloat)
    @_specialize(where Real == Double)
    mutating func computeFactors(_ tokens: Matrix<Real>) -> Bool {
        let n = count
        let width = layout.width
        let z = tokens.elements
        for i in 0..<n {
            scaledU[i].assignQuotient(z[i * width + layout.u], regularization)
            scaledV[i].assignQuotient(z[i * width + layout.v], regularization)
        }
        let shiftU = scaledU.max()!
        let shiftV = scaledV.max()!
        let extraU = z[n * width + layout.u] / regularization
        let extraV = z[n * width + layout.v] / regularization

        for i in 0..<n {
            expU[i].assign(scaledU[i])
            expU[i].subtract(shiftU)
            expU[i].formExp()
            expV[i].assign(scaledV[i])
            expV[i].subtract(shiftV)
            expV[i].formExp()
        }
        // t_i = exp(v̄/λ − β_v − u_i/λ) = exp(v̄/λ − β_v − β_u) / exp(u_i/λ − β_u) for
        // head U, and the mirror image for head V: one exponential per head.
        computeExtraWeights(&extraWeightU, extra: extraV, ownShift: shiftV, scaled: scaledU, shift: shiftU, exponentials: expU)
        computeExtraWeights(&extraWeightV, extra: extraU, ownShift: shiftU, scaled: scaledV, shift: shiftV, exponentials: expV)

        Self.accumulateSums(
            kernel: kernelBase, fixedPoint: fixedPointKernel, expU: expU, expV: expV, count: n,
            rowSums: &rowSums, columnSums: &columnSums, scratch: &scratch)
        for i in 0..<n {
            guard rowSums[i].isFinite, columnSums[i].isFinite, extraWeightU[i].isFinite, extraWeightV[i].isFinite,
                  !rowSums[i].isZero, !columnSums[i].isZero else { return false }
        }
        return true
    }

    /// Sets `rowSums[i] = Σ_j K_ij expV[j]` and `columnSums[j] = Σ_i K_ij expU[i]`.
    ///
    /// In MPFR the sums are accumulated in fixed point by `FixedPointKernel`
    /// and correctly rounded to nearest. Should an entry of expU or expV be unusable there
    /// (NaN from a NaN dual), the sums fall back to `mpfr_mul` and `mpfr_add`
    /// on raw pointers, in increasing index order. `Double` sums four columns
    /// at a time (`Double.accumulateKernelSums`); other types use the
    /// protocol's product and sum in increasing index order.
    @_specialize(where Real == BigFloat)
    @_specialize(where Real == Double)
    static func accumulateSums(
        kernel: [Real], fixedPoint: FixedPointKernel?, expU: [Real], expV: [Real], count n: Int,
        rowSums: inout [Real], columnSums: inout [Real], scratch: inout Real
    ) {
        precondition(kernel.count == n * n && expU.count == n && expV.count == n && rowSums.count == n && columnSums.count == n)
        if let kernel = kernel as? [BigFloat], let expU = expU as? [BigFloat], let expV = expV as? [BigFloat],
           var rows = rowSums as? [BigFloat], var columns = columnSums as? [BigFloat], var temporary = scratch as? BigFloat {
            // Drop the generic copies so each element's storage is uniquely referenced.
            rowSums = []
            columnSums = []
            let exact = fixedPoint?.sums(a: expU, b: expV, rowSums: &rows, columnSums: &columns) ?? false
            if !exact {
                BigFloat.accumulateKernelSums(
                    kernel: kernel, a: expU, b: expV, count: n, rowSums: &rows, columnSums: &columns, scratch: &temporary)
            }
            rowSums = rows as! [Real]
            columnSums = columns as! [Real]
            scratch = temporary as! Real
            return
        }
        if let kernel = kernel as? [Double], let expU = expU as? [Double], let expV = expV as? [Double],
           var rows = rowSums as? [Double], var columns = columnSums as? [Double] {
            Double.accumulateKernelSums(kernel: kernel, a: expU, b: expV, count: n, rowSums: &rows, columnSums: &columns)
            rowSums = rows as! [Real]
            columnSums = columns as! [Real]
            return
        }
        kernel.withUnsafeBufferPointer { k in
            expU.withUnsafeBufferPointer { a in
                expV.withUnsafeBufferPointer { b in
                    rowSums.withUnsafeMutableBufferPointer { r in
                        columnSums.withUnsafeMutableBufferPointer { c in
                            for i in 0..<n {
                                r[i].assignZero()
                                c[i].assignZero()
                            }
                            for i in 0..<n {
                                for j in 0..<n {
                                    scratch.assignProduct(k[i * n + j], b[j])
                                    r[i].add(scratch)
                                    scratch.assignProduct(k[i * n + j], a[i])
                                    c[j].add(scratch)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Sets `weights[i] = exp(extra − ownShift − scaled[i])` as
    /// `exp(extra − ownShift − shift) / exponentials[i]`, where
    /// `exponentials[i] = exp(scaled[i] − shift)`. Where `scaled[i]` lies more
    /// than 600 below `shift`, `exponentials[i]` may be subnormal in `Double`,
    /// so that weight gets its own exponential.
    func computeExtraWeights(
        _ weights: inout [Real], extra: Real, ownShift: Real, scaled: [Real], shift: Real, exponentials: [Real]
    ) {
        let common = Real.exp(extra - ownShift - shift)
        let limit = shift - Real(600, precision: shift.precisionBits)
        for i in 0..<count {
            if scaled[i] < limit {
                weights[i].assign(extra - ownShift - scaled[i])
                weights[i].formExp()
            } else {
                weights[i].assignQuotient(common, exponentials[i])
            }
        }
    }

    /// Sets `outputs[i] = (s_i + t_i · mass_{n+1}) / (s_i + t_i)` for each real
    /// query: one fused multiply-add, one sum and one division, each rounded
    /// once, in storage that every layer reuses.
    static func headOutputs(_ outputs: inout [Real], sums: [Real], extraWeights: [Real], extraMass: Real, denominator: inout Real) {
        for i in outputs.indices {
            outputs[i].assign(sums[i])
            outputs[i].addProduct(extraWeights[i], extraMass)
            denominator.assign(sums[i])
            denominator.add(extraWeights[i])
            outputs[i].divide(by: denominator)
        }
    }

    /// Returns the output of token n + 1 as a query whose score is `a = dual/λ` for
    /// each of the n real keys and 0 for itself: `(n e^a + mass) / (n e^a + 1)`,
    /// evaluated as `(n + mass · e^−a) / (n + e^−a)` when a ≥ 0 so that no
    /// exponential overflows.
    func extraQueryOutput(_ dual: Real, extraMass: Real) -> Real {
        let p = dual.precisionBits
        let tokens = Real(count, precision: p)
        let one = Real(1, precision: p)
        let exponent = dual / regularization
        if exponent.isNaN || exponent < Real(0, precision: p) {
            let weight = tokens * Real.exp(exponent)
            return (weight + extraMass) / (weight + one)
        }
        let weight = Real.exp(-exponent)
        var numerator = tokens
        numerator.addProduct(extraMass, weight)
        return numerator / (tokens + weight)
    }

    /// Head U's attention pattern A_ij = K_ij b_j / r_i over the first n keys
    /// for the first n queries: softmax_rows(S) restricted to the real keys
    /// and renormalized, with the u_i/λ term cancelled.
    /// `nil` when a row sum leaves the number range.
    public func restrictedAttention(_ tokens: Matrix<Real>) -> Matrix<Real>? {
        let n = count
        var engine = self
        guard engine.computeFactors(tokens) else { return nil }
        let (kernelBase, expV, rowSums) = (engine.kernelBase, engine.expV, engine.rowSums)
        var result = Matrix<Real>(rows: n, columns: n, precision: regularization.precisionBits)
        for i in 0..<n {
            for j in 0..<n {
                result.elements[i * n + j].assignProduct(kernelBase[i * n + j], expV[j])
                result.elements[i * n + j].divide(by: rowSums[i])
            }
        }
        return result
    }

    /// Head U's attention pattern over all n + 1 keys for all n + 1 queries.
    public func fullAttention(_ tokens: Matrix<Real>) -> Matrix<Real>? {
        let n = count
        let p = regularization.precisionBits
        var engine = self
        guard engine.computeFactors(tokens) else { return nil }
        let (kernelBase, expV, rowSums, extraWeightU) = (engine.kernelBase, engine.expV, engine.rowSums, engine.extraWeightU)
        var result = Matrix<Real>(rows: n + 1, columns: n + 1, precision: p)
        for i in 0..<n {
            let total = rowSums[i] + extraWeightU[i]
            for j in 0..<n {
                result.elements[i * (n + 1) + j].assignProduct(kernelBase[i * n + j], expV[j])
                result.elements[i * (n + 1) + j].divide(by: total)
            }
            result.elements[i * (n + 1) + n].assignQuotient(extraWeightU[i], total)
        }

        // Row n + 1: weight e^a on each real key and 1 on itself, a = ū/λ,
        // computed as e^0 / (n + e^−a) and e^−a / (n + e^−a) when a ≥ 0.
        let exponent = tokens[n, layout.u] / regularization
        let zero = Real(0, precision: p)
        let one = Real(1, precision: p)
        let tokenCount = Real(n, precision: p)
        let (realWeight, selfWeight) = exponent < zero ? (Real.exp(exponent), one) : (one, Real.exp(-exponent))
        let total = tokenCount * realWeight + selfWeight
        for j in 0..<n { result.elements[n * (n + 1) + j].assignQuotient(realWeight, total) }
        result.elements[n * (n + 1) + n].assignQuotient(selfWeight, total)
        return result
    }
}
