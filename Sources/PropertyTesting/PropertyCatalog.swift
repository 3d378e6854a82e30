/// The properties that ship with OTVerify, in the order they run.
public enum PropertyCatalog {
    public static let all: [Property] = [
        MonotonicityProperties.objectiveAlgorithm,
        MonotonicityProperties.objectiveTransformer,
        MonotonicityProperties.lastLayerError,
        LayerAgreementProperties.firstLayer,
        LayerAgreementProperties.everyLayer,
        SortingProperty.readoutImproves,
        ReferenceSolverProperties.marginals,
        ReferenceSolverProperties.permutation,
        ReferenceSolverProperties.translation,
        ReferenceSolverProperties.scaling,
        SmallLambdaProperty.property,
        PrecisionProperties.planAgrees,
        PrecisionProperties.objectiveSign,
        PrecisionProperties.sinkhornConverges,
        DiagonalPlanProperty.property,
    ]

    /// The property called `name`, or nil.
    public static func named(_ name: String) -> Property? {
        all.first { $0.name == name }
    }
}
