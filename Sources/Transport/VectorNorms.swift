import ArbitraryPrecision

/// Norms and distances used by the metrics, all rounded to nearest.
public enum VectorNorms {
    /// max_i |x_i|, and 0 for an empty vector.
    public static func maxNorm<Real: RealNumber>(_ x: [Real], precision: Int) -> Real {
        var result = Real(0, precision: precision)
        for value in x { result = Real.maximum(result, value.magnitude) }
        return result
    }

    /// (Σ_i x_i²)^(1/2).
    public static func norm2<Real: RealNumber>(_ x: [Real], precision: Int) -> Real {
        var sum = Real(0, precision: precision)
        for value in x { sum.addProduct(value, value) }
        return Real.sqrt(sum)
    }

    /// Σ_i |x_i|.
    public static func norm1<Real: RealNumber>(_ x: [Real], precision: Int) -> Real {
        var sum = Real(0, precision: precision)
        for value in x { sum.add(value.magnitude) }
        return sum
    }

    /// max_i |x_i − y_i|.
    public static func maxDistance<Real: RealNumber>(_ x: [Real], _ y: [Real], precision: Int) -> Real {
        precondition(x.count == y.count, "vectors of different lengths \(x.count) and \(y.count)")
        return maxNorm(zip(x, y).map { $0 - $1 }, precision: precision)
    }

    /// The entrywise ℓ1 distance Σ_ij |A_ij − B_ij|.
    public static func entrywiseL1Distance<Real: RealNumber>(_ a: Matrix<Real>, _ b: Matrix<Real>) -> Real {
        precondition(a.rows == b.rows && a.columns == b.columns, "matrices of different shapes")
        return norm1(zip(a.elements, b.elements).map { $0 - $1 }, precision: Swift.max(a.precisionBits, b.precisionBits))
    }
}
