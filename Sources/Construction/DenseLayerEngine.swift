import ArbitraryPrecision

/// The forward pass of an `AttentionLayer` for any query-key and value
/// matrices, computed as written,
///
///     Z ← Z − γ · Σ_h softmax_rows(Z Q_h Zᵀ) · Z · W_h,
///
/// with every buffer allocated once and reused by every layer.
///
/// Each entry goes through the same MPFR (or `Double`) operations, in the same
/// order and with the same round-to-nearest rounding, as
/// `AttentionLayer.forward`, so both give the same tokens bit for bit. The
/// products skip exact zeros of either factor, which changes no bit for finite
/// entries. One layer costs `heads · (rows)²` exponentials, as many divisions,
/// and multiply-adds for the nonzero pattern of Q_h and W_h.
public struct DenseLayerEngine<Real: RealNumber>: Sendable {
    /// One nonzero entry of a sparse m × m matrix.
    struct Entry: Sendable {
        let row: Int
        let column: Int
        let value: Real
    }

    let queryKeyEntries: [[Entry]]
    let valueEntries: [[Entry]]
    public let rows: Int
    public let width: Int

    // Work buffers, row-major, one distinct value per entry.
    var queryFeatures: [Real]  // Z Q_h, rows × width
    var pattern: [Real]        // scores, then the softmax, rows × rows
    var values: [Real]         // Z W_h, rows × width
    var output: [Real]         // softmax · Z W_h, rows × width
    var update: [Real]         // Σ_h of the outputs, rows × width
    var largest: Real
    var total: Real
    var step: Real

    /// Creates buffers for `rows` tokens of the layer's width at `precision`
    /// bits. The heads must have no masked keys.
    public init(layer: AttentionLayer<Real>, rows: Int, precision: Int) {
        precondition(!layer.heads.isEmpty, "a layer needs at least one head")
        precondition(layer.heads.allSatisfy { $0.attendedKeyCount == nil }, "hidden heads attend to every key")
        self.rows = rows
        width = layer.heads[0].queryKey.rows
        queryKeyEntries = layer.heads.map { Self.nonzeroEntries($0.queryKey) }
        valueEntries = layer.heads.map { Self.nonzeroEntries($0.value) }

        func buffer(_ count: Int) -> [Real] { (0..<count).map { _ in Real(0, precision: precision) } }
        queryFeatures = buffer(rows * width)
        pattern = buffer(rows * rows)
        values = buffer(rows * width)
        output = buffer(rows * width)
        update = buffer(rows * width)
        largest = Real(0, precision: precision)
        total = Real(0, precision: precision)
        step = Real(0, precision: precision)
    }

    /// Returns the nonzero entries in the order `Matrix.multiplied(by:)` visits them:
    /// by row, then by column.
    static func nonzeroEntries(_ matrix: Matrix<Real>) -> [Entry] {
        var entries: [Entry] = []
        for k in 0..<matrix.rows {
            for j in 0..<matrix.columns where !matrix[k, j].isZero {
                entries.append(Entry(row: k, column: j, value: matrix[k, j]))
            }
        }
        return entries
    }

    /// Replaces `tokens` by the layer's output with stepsize γ.
    @_specialize(where Real == BigFloat)
    @_specialize(where Real == Double)
    public mutating func forward(_ tokens: inout Matrix<Real>, stepsize: Real) {
        precondition(tokens.rows == rows && tokens.columns == width, "the engine was built for \(rows) × \(width) tokens")
        for index in update.indices { update[index].assignZero() }
        for head in queryKeyEntries.indices {
            computePattern(tokens, head: head)
            multiply(tokens, by: valueEntries[head], into: &values)
            applyPattern()
            for index in update.indices where !output[index].isZero { update[index].add(output[index]) }
        }

        // Z − γ·0 is Z exactly, so entries without an update stay as they are.
        for index in update.indices where !update[index].isZero {
            step.assignProduct(stepsize, update[index])
            tokens.elements[index].subtract(step)
        }
    }

    /// Fills `pattern` with softmax_rows(Z Q Zᵀ) for head `head`, as
    /// `AttentionHead.pattern` computes it: the scores as (Z Q) Zᵀ, then each
    /// row shifted by its maximum, exponentiated, summed left to right and
    /// divided by the sum.
    @_specialize(where Real == BigFloat)
    @_specialize(where Real == Double)
    mutating func computePattern(_ tokens: Matrix<Real>, head: Int) {
        multiply(tokens, by: queryKeyEntries[head], into: &queryFeatures)

        // MPFR: the same operations on raw pointers (BigFloat+DenseKernels).
        if let z = tokens.elements as? [BigFloat], let features = queryFeatures as? [BigFloat],
           var scores = pattern as? [BigFloat], var top = largest as? BigFloat, var sum = total as? BigFloat {
            pattern = []
            BigFloat.accumulateScores(features: features, tokens: z, rows: rows, width: width, scores: &scores)
            BigFloat.softmaxRows(&scores, rows: rows, largest: &top, total: &sum)
            pattern = scores as! [Real]
            largest = top as! Real
            total = sum as! Real
            return
        }

        let z = tokens.elements
        for i in 0..<rows {
            for j in 0..<rows {
                let index = i * rows + j
                pattern[index].assignZero()
                for k in 0..<width where !z[j * width + k].isZero && !queryFeatures[i * width + k].isZero {
                    pattern[index].addProduct(queryFeatures[i * width + k], z[j * width + k])
                }
            }
        }

        for i in 0..<rows {
            let start = i * rows
            largest.assign(pattern[start])
            for j in 1..<rows where largest < pattern[start + j] { largest.assign(pattern[start + j]) }
            total.assignZero()
            for j in 0..<rows {
                pattern[start + j].subtract(largest)
                pattern[start + j].formExp()
                total.add(pattern[start + j])
            }
            for j in 0..<rows { pattern[start + j].divide(by: total) }
        }
    }

    /// Sets `result` to `tokens · matrix` for a sparse matrix, accumulating
    /// each entry over the matrix's rows in increasing order.
    @_specialize(where Real == BigFloat)
    @_specialize(where Real == Double)
    func multiply(_ tokens: Matrix<Real>, by entries: [Entry], into result: inout [Real]) {
        for index in result.indices { result[index].assignZero() }
        let z = tokens.elements
        for entry in entries {
            for i in 0..<rows where !z[i * width + entry.row].isZero {
                result[i * width + entry.column].addProduct(z[i * width + entry.row], entry.value)
            }
        }
    }

    /// Sets `output` to `pattern · values`, accumulating over keys in
    /// increasing order.
    @_specialize(where Real == BigFloat)
    @_specialize(where Real == Double)
    mutating func applyPattern() {
        if let weights = pattern as? [BigFloat], let values = values as? [BigFloat], var result = output as? [BigFloat] {
            output = []
            BigFloat.applyPattern(weights, values: values, rows: rows, width: width, output: &result)
            output = result as! [Real]
            return
        }
        for index in output.indices { output[index].assignZero() }
        for k in 0..<rows {
            for j in 0..<width where !values[k * width + j].isZero {
                for i in 0..<rows where !pattern[i * rows + k].isZero {
                    output[i * width + j].addProduct(pattern[i * rows + k], values[k * width + j])
                }
            }
        }
    }
}
