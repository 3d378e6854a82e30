import ArbitraryPrecision

/// The hand-set weights of the construction for dimension d and
/// regularization λ: two heads per hidden layer (U and V) and a readout head.
///
/// Head U's query-key matrix has the entries below, every one multiplied by
/// 1/λ (rows index the query token's features, columns the key's); for real
/// tokens i, j its score is log M_ij = (−C_ij + u_i + v_j)/λ − 1:
///
/// | entry          | value | score term   |
/// |----------------|-------|--------------|
/// | (one_a, ny)    | −1    | −‖y_j‖²      |
/// | (X_k, Y_k)     | 2     | 2⟨x_i, y_j⟩  |
/// | (nx, one_a)    | −1    | −‖x_i‖²      |
/// | (u, one_b)     | 1     | u_i          |
/// | (one_b, one_c) | −λ    | −λ           |
/// | (one_c, v)     | 1     | v_j          |
///
/// Head V mirrors it (X ↔ Y, nx ↔ ny, u ↔ v), so its score for real tokens
/// is log M_ji. The value matrices copy `mass` into `u` (head U) and into
/// `v` (head V). The readout head uses head V's scores with key n + 1 masked
/// and copies X_1 into `out`, which gives the barycentric projection for d = 1.
public struct TransformerParameters<Real: RealNumber>: Sendable {
    public let layout: PromptLayout
    public let headU: AttentionHead<Real>
    public let headV: AttentionHead<Real>
    /// The readout head; it attends to the first `n` keys only.
    public let readout: AttentionHead<Real>

    public init(dimension: Int, regularization lambda: Real, tokenCount n: Int) {
        let layout = PromptLayout(dimension: dimension)
        let p = lambda.precisionBits
        let m = layout.width

        func queryKey(x: (Int) -> Int, y: (Int) -> Int, nx: Int, ny: Int, u: Int, v: Int) -> Matrix<Real> {
            var q = Matrix<Real>(rows: m, columns: m, precision: p)
            let one = Real(1, precision: p)
            q[layout.oneA, ny] = -one / lambda
            for k in 0..<dimension { q[x(k), y(k)] = Real(2, precision: p) / lambda }
            q[nx, layout.oneA] = -one / lambda
            q[u, layout.oneB] = one / lambda
            q[layout.oneB, layout.oneC] = -lambda / lambda
            q[layout.oneC, v] = one / lambda
            return q
        }

        func copy(from source: Int, to destination: Int) -> Matrix<Real> {
            var w = Matrix<Real>(rows: m, columns: m, precision: p)
            w[source, destination] = Real(1, precision: p)
            return w
        }

        let qU = queryKey(x: layout.x, y: layout.y, nx: layout.nx, ny: layout.ny, u: layout.u, v: layout.v)
        let qV = queryKey(x: layout.y, y: layout.x, nx: layout.ny, ny: layout.nx, u: layout.v, v: layout.u)
        self.layout = layout
        headU = AttentionHead(queryKey: qU, value: copy(from: layout.mass, to: layout.u))
        headV = AttentionHead(queryKey: qV, value: copy(from: layout.mass, to: layout.v))
        readout = AttentionHead(queryKey: qV, value: copy(from: layout.x(0), to: layout.out), attendedKeyCount: n)
    }

    public var hiddenLayer: AttentionLayer<Real> { AttentionLayer(heads: [headU, headV]) }
}
