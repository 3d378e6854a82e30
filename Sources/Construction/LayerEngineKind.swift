/// The forward pass that computes a transformer's hidden layers.
public enum LayerEngineKind: String, Sendable, CaseIterable {
    /// `DenseLayerEngine`: softmax_rows(Z Q_h Zᵀ) Z W_h for each head as
    /// written, bit for bit equal to `AttentionLayer.forward`.
    case generic
    /// `FactoredEngine`: the construction's scores split into a
    /// layer-invariant kernel and the u, v columns, in O(n) exponentials per
    /// layer; equal to `generic` up to rounding.
    case factored
}
