import ArbitraryPrecision
import Construction
import Transport

/// One run of the construction: exact point sets, λ, the initial duals, the
/// stepsize γ and the depth, independent of the working precision.
public struct Instance: Sendable {
    public let name: String
    /// What the instance is and where its points come from.
    public let summary: String
    public let source: [[ExactNumber]]
    public let target: [[ExactNumber]]
    public let regularization: ExactNumber
    public let stepsize: ExactNumber
    public let layers: Int
    /// u^(0); all zero when empty.
    public let initialU: [ExactNumber]
    /// v^(0); all zero when empty.
    public let initialV: [ExactNumber]

    public init(
        name: String, summary: String, source: [[ExactNumber]], target: [[ExactNumber]],
        regularization: ExactNumber, stepsize: ExactNumber, layers: Int,
        initialU: [ExactNumber] = [], initialV: [ExactNumber] = []
    ) {
        self.name = name
        self.summary = summary
        self.source = source
        self.target = target
        self.regularization = regularization
        self.stepsize = stepsize
        self.layers = layers
        self.initialU = initialU
        self.initialV = initialV
    }

    public var count: Int { source.count }
    public var dimension: Int { source.first?.count ?? 0 }

    public func problem<Real: RealNumber>(precision: Int) -> TransportProblem<Real> {
        TransportProblem(
            source: source.map { $0.map { $0.value(precision: precision) } },
            target: target.map { $0.map { $0.value(precision: precision) } },
            regularization: regularization.value(precision: precision),
            precision: precision)
    }

    public func initialDuals<Real: RealNumber>(precision: Int) -> (u: [Real], v: [Real]) {
        func values(_ numbers: [ExactNumber]) -> [Real] {
            numbers.isEmpty
                ? (0..<count).map { _ in Real(0, precision: precision) }
                : numbers.map { $0.value(precision: precision) }
        }
        return (values(initialU), values(initialV))
    }
}
