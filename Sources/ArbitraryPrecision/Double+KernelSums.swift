extension Double {
    /// Sets `rowSums[i] = Σ_j K[i·n + j]·b[j]` and `columnSums[j] = Σ_i K[i·n + j]·a[i]`
    /// for i, j < n in float64, four columns at a time.
    ///
    /// Rounding: every product and sum rounds to nearest. With m = n − n mod 4,
    /// each row sum keeps four partial sums, of the columns j < m with
    /// j ≡ 0, 1, 2, 3 (mod 4) in increasing order, adds them as
    /// (s₀ + s₁) + (s₂ + s₃), and then adds the columns m…n − 1 in order.
    /// Each column sum adds its terms in increasing i. For nonnegative terms
    /// both orders give a relative error below (n + 2)·2^−53, as the
    /// sequential sum does, and the order is fixed, so results do not depend
    /// on the machine's vector width or thread count.
    ///
    /// - Precondition: `kernel` has n² entries, the others n.
    public static func accumulateKernelSums(
        kernel: [Double], a: [Double], b: [Double], count n: Int,
        rowSums: inout [Double], columnSums: inout [Double]
    ) {
        precondition(kernel.count == n * n && a.count == n && b.count == n && rowSums.count == n && columnSums.count == n)
        let blocked = n - n % 4
        kernel.withUnsafeBufferPointer { k in
            b.withUnsafeBufferPointer { bBuffer in
                columnSums.withUnsafeMutableBufferPointer { c in
                    let bRaw = UnsafeRawPointer(bBuffer.baseAddress!)
                    let cRaw = UnsafeMutableRawPointer(c.baseAddress!)
                    for j in 0..<n { c[j] = 0 }
                    for i in 0..<n {
                        let row = UnsafeRawPointer(k.baseAddress! + i * n)
                        let weight = SIMD4<Double>(repeating: a[i])
                        var partial = SIMD4<Double>()
                        var j = 0
                        while j < blocked {
                            let offset = j * MemoryLayout<Double>.stride
                            let entries = row.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                            partial += entries * bRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                            let column = cRaw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self) + entries * weight
                            cRaw.storeBytes(of: column, toByteOffset: offset, as: SIMD4<Double>.self)
                            j += 4
                        }
                        var total = (partial[0] + partial[1]) + (partial[2] + partial[3])
                        while j < n {
                            total += k[i * n + j] * bBuffer[j]
                            c[j] += k[i * n + j] * a[i]
                            j += 1
                        }
                        rowSums[i] = total
                    }
                }
            }
        }
    }
}
