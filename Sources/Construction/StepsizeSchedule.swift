import ArbitraryPrecision

/// The stepsizes γ_1, γ_2, … of the hidden layers (layer ℓ uses γ_ℓ).
public enum StepsizeSchedule<Real: RealNumber>: Sendable {
    case constant(Real)
    /// γ_ℓ = values[ℓ − 1]; layers past the end reuse the last value.
    case perLayer([Real])

    /// The stepsize of layer `layer`, counted from 1.
    public func stepsize(atLayer layer: Int) -> Real {
        switch self {
        case let .constant(value):
            return value
        case let .perLayer(values):
            precondition(!values.isEmpty, "a per-layer schedule needs at least one stepsize")
            return values[Swift.min(layer, values.count) - 1]
        }
    }
}
