import CMPFR

extension BigFloat {
    /// Sets `rowSums[i] = Σ_j K[i·n + j]·b[j]` and `columnSums[j] = Σ_i K[i·n + j]·a[i]`
    /// for i, j < n, summing in increasing index order. Each term is one
    /// `mpfr_mul` into `scratch` and one `mpfr_add`, both rounded to nearest,
    /// so the result equals, bit for bit, the same loop written with
    /// `assignProduct` and `add`; calling MPFR on raw pointers only removes
    /// the per-operation copy-on-write checks and reference counting.
    ///
    /// - Precondition: `kernel` has n² entries, the others n.
    public static func accumulateKernelSums(
        kernel: [BigFloat], a: [BigFloat], b: [BigFloat], count n: Int,
        rowSums: inout [BigFloat], columnSums: inout [BigFloat], scratch: inout BigFloat
    ) {
        precondition(kernel.count == n * n && a.count == n && b.count == n && rowSums.count == n && columnSums.count == n)
        for i in 0..<n {
            rowSums[i].assignZero()
            columnSums[i].assignZero()
        }
        scratch.makeUnique()

        let k = kernel.map(\.pointer)
        let ap = a.map(\.pointer)
        let bp = b.map(\.pointer)
        let rows = rowSums.map(\.pointer)
        let columns = columnSums.map(\.pointer)
        let s = scratch.pointer
        withExtendedLifetime((kernel, a, b, rowSums, columnSums, scratch)) {
            for i in 0..<n {
                for j in 0..<n {
                    mpfr_mul(s, k[i * n + j], bp[j], MPFR_RNDN)
                    mpfr_add(rows[i], rows[i], s, MPFR_RNDN)
                    mpfr_mul(s, k[i * n + j], ap[i], MPFR_RNDN)
                    mpfr_add(columns[j], columns[j], s, MPFR_RNDN)
                }
            }
        }
    }
}
