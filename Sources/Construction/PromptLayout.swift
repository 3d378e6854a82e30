/// The feature columns of a token in the engineered prompt, in order:
/// `X[1..d]`, `Y[1..d]`, `nx`, `ny`, `one_a`, `one_b`, `one_c`, `mass`, `u`,
/// `v`, `out`, so m = 2d + 9 columns in all.
public struct PromptLayout: Sendable, Equatable {
    public let dimension: Int

    public init(dimension: Int) {
        precondition(dimension >= 1, "the point dimension d must be at least 1")
        self.dimension = dimension
    }

    /// m = 2d + 9.
    public var width: Int { 2 * dimension + 9 }

    /// Column of the k-th source coordinate, k = 0..<d.
    public func x(_ k: Int) -> Int { k }
    /// Column of the k-th target coordinate, k = 0..<d.
    public func y(_ k: Int) -> Int { dimension + k }
    public var nx: Int { 2 * dimension }
    public var ny: Int { 2 * dimension + 1 }
    public var oneA: Int { 2 * dimension + 2 }
    public var oneB: Int { 2 * dimension + 3 }
    public var oneC: Int { 2 * dimension + 4 }
    public var mass: Int { 2 * dimension + 5 }
    public var u: Int { 2 * dimension + 6 }
    public var v: Int { 2 * dimension + 7 }
    public var out: Int { 2 * dimension + 8 }

    /// Column names as used in reports.
    public var columnNames: [String] {
        (1...dimension).map { "X\($0)" } + (1...dimension).map { "Y\($0)" }
            + ["nx", "ny", "one_a", "one_b", "one_c", "mass", "u", "v", "out"]
    }
}
