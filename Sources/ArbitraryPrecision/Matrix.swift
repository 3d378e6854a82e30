/// A dense row-major matrix of real numbers at one precision.
///
/// The products below accumulate each entry with `addProduct` into storage
/// that exists before the loop, so an MPFR matrix product allocates one
/// result matrix and nothing per multiply-add.
public struct Matrix<Real: RealNumber>: Sendable {
    public let rows: Int
    public let columns: Int
    public var elements: [Real]

    /// Creates a `rows × columns` matrix of zeros at `precision` bits.
    public init(rows: Int, columns: Int, precision: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        // One value per entry: a repeated BigFloat would share storage until first write.
        var storage: [Real] = []
        storage.reserveCapacity(rows * columns)
        for _ in 0..<(rows * columns) { storage.append(Real(0, precision: precision)) }
        elements = storage
    }

    /// Creates a matrix from its rows, which must all have `columns` entries.
    public init(rows rowArrays: [[Real]]) {
        let width = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == width }, "all rows must have the same length")
        rows = rowArrays.count
        columns = width
        elements = rowArrays.flatMap { $0 }
    }

    @inlinable public subscript(row: Int, column: Int) -> Real {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    public func row(_ index: Int) -> [Real] {
        Array(elements[(index * columns)..<((index + 1) * columns)])
    }

    public func column(_ index: Int) -> [Real] {
        (0..<rows).map { self[$0, index] }
    }

    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows, precision: precisionBits)
        for i in 0..<rows {
            for j in 0..<columns { result[j, i] = self[i, j] }
        }
        return result
    }

    /// The precision of the first entry, or 53 for an empty matrix.
    public var precisionBits: Int { elements.first?.precisionBits ?? 53 }

    /// Returns `self · other`. Entries of `other` that are exactly zero are
    /// skipped: adding the exact product `0 · a` changes no sum, so the
    /// result is the same as the dense product, bit for bit, for finite
    /// entries of `self`.
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "cannot multiply \(rows)×\(columns) by \(other.rows)×\(other.columns)")
        var result = Matrix(rows: rows, columns: other.columns, precision: Swift.max(precisionBits, other.precisionBits))
        for k in 0..<columns {
            for j in 0..<other.columns where !other[k, j].isZero {
                let factor = other[k, j]
                for i in 0..<rows where !self[i, k].isZero {
                    result.elements[i * result.columns + j].addProduct(self[i, k], factor)
                }
            }
        }
        return result
    }

    /// Returns `self · otherᵀ` without forming the transpose.
    public func multipliedByTransposed(_ other: Matrix) -> Matrix {
        precondition(columns == other.columns, "cannot multiply \(rows)×\(columns) by the transpose of \(other.rows)×\(other.columns)")
        var result = Matrix(rows: rows, columns: other.rows, precision: Swift.max(precisionBits, other.precisionBits))
        for i in 0..<rows {
            for j in 0..<other.rows {
                let index = i * result.columns + j
                for k in 0..<columns where !other[j, k].isZero && !self[i, k].isZero {
                    result.elements[index].addProduct(self[i, k], other[j, k])
                }
            }
        }
        return result
    }
}
