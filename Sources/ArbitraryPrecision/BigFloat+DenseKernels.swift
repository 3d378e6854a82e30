import CMPFR

/// The O(n²) loops of a dense attention layer on raw MPFR pointers. Each
/// performs the same MPFR operations, in the same order and with the same
/// rounding, as the same loop written with the `RealNumber` methods. The
/// results therefore agree bit for bit. Only the per-element copy-on-write
/// checks and reference counting go away.
extension BigFloat {
    /// Returns the `mpfr_t` of every element, after making each storage unique.
    static func uniquePointers(_ values: inout [BigFloat]) -> [UnsafeMutablePointer<__mpfr_struct>] {
        for index in values.indices { values[index].makeUnique() }
        return values.map(\.pointer)
    }

    /// Sets `scores[i·rows + j] = Σ_k features[i·width + k] · tokens[j·width + k]`
    /// for i, j < rows, starting from +0 and adding one `mpfr_fma` per k in
    /// increasing order where neither factor is zero: `addProduct(feature, token)`.
    ///
    /// - Precondition: `features` and `tokens` have rows · width entries,
    ///   `scores` rows².
    public static func accumulateScores(features: [BigFloat], tokens: [BigFloat], rows: Int, width: Int, scores: inout [BigFloat]) {
        precondition(features.count == rows * width && tokens.count == rows * width && scores.count == rows * rows)
        let result = uniquePointers(&scores)
        let feature = features.map(\.pointer)
        let token = tokens.map(\.pointer)
        let tokenIsZero = tokens.map(\.isZero)
        withExtendedLifetime((features, tokens, scores)) {
            for i in 0..<rows {
                // The nonzero features of query i, in increasing k.
                let active = (0..<width).filter { mpfr_zero_p(feature[i * width + $0]) == 0 }
                for j in 0..<rows {
                    let score = result[i * rows + j]
                    mpfr_set_zero(score, 1)
                    for k in active where !tokenIsZero[j * width + k] {
                        mpfr_fma(score, feature[i * width + k], token[j * width + k], score, MPFR_RNDN)
                    }
                }
            }
        }
    }

    /// Replaces each row of the rows × rows matrix `pattern` by its softmax as
    /// `Softmax.rows` computes it. The row's largest entry (the first of equal
    /// ones) is subtracted, and each entry is exponentiated as `formExp` does,
    /// summed left to right into `total` and divided by it. `largest` and
    /// `total` are work space at the pattern's precision.
    public static func softmaxRows(_ pattern: inout [BigFloat], rows: Int, largest: inout BigFloat, total: inout BigFloat) {
        precondition(pattern.count == rows * rows)
        let entry = uniquePointers(&pattern)
        largest.makeUnique()
        total.makeUnique()
        let top = largest.pointer
        let sum = total.pointer
        let table = TableExponential.forPrecision(pattern.first?.precisionBits ?? 0)
        withExtendedLifetime((pattern, largest, total)) {
            for i in 0..<rows {
                let start = i * rows
                mpfr_set(top, entry[start], MPFR_RNDN)
                for j in 1..<rows where mpfr_less_p(top, entry[start + j]) != 0 {
                    mpfr_set(top, entry[start + j], MPFR_RNDN)
                }
                mpfr_set_zero(sum, 1)
                for j in 0..<rows {
                    let weight = entry[start + j]
                    mpfr_sub(weight, weight, top, MPFR_RNDN)
                    if !(table?.exp(weight, into: weight) ?? false) { mpfr_exp(weight, weight, MPFR_RNDN) }
                    mpfr_add(sum, sum, weight, MPFR_RNDN)
                }
                for j in 0..<rows { mpfr_div(entry[start + j], entry[start + j], sum, MPFR_RNDN) }
            }
        }
    }

    /// Sets `output[i·width + c] = Σ_k pattern[i·rows + k] · values[k·width + c]`,
    /// starting from +0 and adding one `mpfr_fma` per term where neither factor
    /// is zero, looping over k, then c, then i.
    public static func applyPattern(_ pattern: [BigFloat], values: [BigFloat], rows: Int, width: Int, output: inout [BigFloat]) {
        precondition(pattern.count == rows * rows && values.count == rows * width && output.count == rows * width)
        let result = uniquePointers(&output)
        let weight = pattern.map(\.pointer)
        let weightIsZero = pattern.map(\.isZero)
        withExtendedLifetime((pattern, values, output)) {
            for entry in result { mpfr_set_zero(entry, 1) }
            for k in 0..<rows {
                for c in 0..<width where !values[k * width + c].isZero {
                    let value = values[k * width + c].pointer
                    for i in 0..<rows where !weightIsZero[i * rows + k] {
                        mpfr_fma(result[i * width + c], weight[i * rows + k], value, result[i * width + c], MPFR_RNDN)
                    }
                }
            }
        }
    }
}
