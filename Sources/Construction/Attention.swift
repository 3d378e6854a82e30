import ArbitraryPrecision

/// One softmax attention head with query-key matrix Q and value matrix W,
/// both m × m. Applied to tokens Z it returns `softmax_rows(Z Q Zᵀ) · Z · W`.
public struct AttentionHead<Real: RealNumber>: Sendable {
    public let queryKey: Matrix<Real>
    public let value: Matrix<Real>
    /// When set, only keys `0..<attendedKeyCount` take part in the softmax;
    /// the others are masked out (weight exactly 0).
    public let attendedKeyCount: Int?

    public init(queryKey: Matrix<Real>, value: Matrix<Real>, attendedKeyCount: Int? = nil) {
        precondition(queryKey.rows == queryKey.columns && value.rows == queryKey.rows, "Q must be m × m and W must have m rows")
        self.queryKey = queryKey
        self.value = value
        self.attendedKeyCount = attendedKeyCount
    }

    /// The scores S = Z Q Zᵀ, computed as (Z Q) Zᵀ.
    public func scores(_ tokens: Matrix<Real>) -> Matrix<Real> {
        tokens.multiplied(by: queryKey).multipliedByTransposed(tokens)
    }

    /// The attention pattern softmax_rows(Z Q Zᵀ) over the attended keys.
    public func pattern(_ tokens: Matrix<Real>) -> Matrix<Real> {
        Softmax.rows(of: scores(tokens), keyCount: attendedKeyCount ?? tokens.rows)
    }

    /// The head's output softmax_rows(Z Q Zᵀ) · Z · W.
    public func output(_ tokens: Matrix<Real>) -> Matrix<Real> {
        pattern(tokens).multiplied(by: tokens.multiplied(by: value))
    }
}

/// Row-wise softmax, shifted by each row's largest score so that no
/// exponential overflows: softmax(s)_j = exp(s_j − max s) / Σ_k exp(s_k − max s).
public enum Softmax {
    /// Applies the softmax to the first `keyCount` entries of each row; the
    /// remaining entries of the result are exactly 0 (masked keys).
    public static func rows<Real: RealNumber>(of scores: Matrix<Real>, keyCount: Int) -> Matrix<Real> {
        precondition(keyCount >= 1 && keyCount <= scores.columns, "the softmax needs 1 to \(scores.columns) keys")
        let p = scores.precisionBits
        var result = Matrix<Real>(rows: scores.rows, columns: scores.columns, precision: p)
        for i in 0..<scores.rows {
            var largest = scores[i, 0]
            for j in 1..<keyCount where largest < scores[i, j] { largest = scores[i, j] }
            var total = Real(0, precision: p)
            for j in 0..<keyCount {
                var weight = scores[i, j] - largest
                weight.formExp()
                total.add(weight)
                result[i, j] = weight
            }
            for j in 0..<keyCount { result[i, j] = result[i, j] / total }
        }
        return result
    }
}

/// A layer of several heads with a residual connection and stepsize γ:
///
///     Z ← Z − γ · Σ_h softmax_rows(Z Q_h Zᵀ) · Z · W_h
///
/// Every head reads the same input Z, so the heads act simultaneously.
public struct AttentionLayer<Real: RealNumber>: Sendable {
    public let heads: [AttentionHead<Real>]

    public init(heads: [AttentionHead<Real>]) {
        self.heads = heads
    }

    public func forward(_ tokens: Matrix<Real>, stepsize: Real) -> Matrix<Real> {
        var update = Matrix<Real>(rows: tokens.rows, columns: tokens.columns, precision: tokens.precisionBits)
        for head in heads {
            let output = head.output(tokens)
            for index in update.elements.indices where !output.elements[index].isZero {
                update.elements[index].add(output.elements[index])
            }
        }

        // Z − γ·0 is Z exactly, so entries without an update are copied.
        var result = tokens
        for index in result.elements.indices where !update.elements[index].isZero {
            result.elements[index] = result.elements[index] - stepsize * update.elements[index]
        }
        return result
    }
}
