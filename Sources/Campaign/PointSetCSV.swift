import ArbitraryPrecision

/// Reads point sets from CSV: one point per row, comma-separated numeric
/// columns, and an optional header row (a first row in which no cell is a
/// number, NaN or infinity). Cells are kept as exact decimal strings.
public enum PointSetCSV {
    /// Parses `text` read from `fileName` (used in error messages).
    ///
    /// - Throws: `InputError` naming the file, line and value for an empty
    ///   file, a ragged row, or a cell that is not a finite decimal number.
    public static func parse(_ text: String, fileName: String) throws -> [[ExactNumber]] {
        let rows = try table(text, fileName: fileName)
        var points: [[ExactNumber]] = []
        for (lineNumber, cells) in rows.body {
            var point: [ExactNumber] = []
            for (column, cell) in cells.enumerated() {
                let trimmed = cell.trimmingSpaces
                let value: BigFloat
                do {
                    value = try BigFloat(decimal: trimmed, precision: 53)
                } catch let error as RealNumberParseError {
                    let reason = BigFloat.isNumberLike(trimmed) ? error.reason : "expected a finite decimal number such as 0.25 or -1.5e-3"
                    throw InputError("\(fileName):\(lineNumber): column \(column + 1): invalid number '\(cell)': \(reason)")
                }
                // Squares of larger magnitudes overflow MPFR's exponent range (2^(2^30)).
                guard value.binaryExponent < (1 << 29) - 64 else {
                    throw InputError("\(fileName):\(lineNumber): column \(column + 1): '\(cell)' is too large, since squared distances would overflow MPFR's range; rescale the points below about 1e160000000")
                }
                point.append(.decimal(trimmed))
            }
            points.append(point)
        }
        return points
    }

    /// The header (if any) and the numbered data rows of a CSV text, with
    /// every row as wide as the first.
    public static func table(_ text: String, fileName: String) throws -> (header: [String]?, body: [(Int, [String])]) {
        var lines: [(Int, [String])] = []
        // Lines end with LF, CRLF (one Character in Swift) or CR; other Unicode
        // line separators are cell content, so line numbers match editors.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated() {
            let content = String(line)
            if content.trimmingSpaces.isEmpty { continue }
            lines.append((index + 1, content.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
        guard let first = lines.first else {
            throw InputError("\(fileName): no data rows; expected one point per row with comma-separated numbers")
        }

        let width = first.1.count
        for (lineNumber, cells) in lines where cells.count != width {
            throw InputError("\(fileName):\(lineNumber): \(cells.count) \(cells.count == 1 ? "column" : "columns"), but line \(first.0) has \(width); every row needs the same number of columns")
        }

        // A header row names every column; a first row with anything written
        // as a number (even out of range), NaN or infinity in it is data, so
        // its bad cells are reported, not skipped.
        let nonFiniteSpellings: Set<String> = ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]
        let isHeader = first.1.allSatisfy { cell in
            let trimmed = cell.trimmingSpaces
            return !BigFloat.isNumberLike(trimmed) && !nonFiniteSpellings.contains(trimmed.lowercased())
        }
        let body = isHeader ? Array(lines.dropFirst()) : lines
        guard !body.isEmpty else {
            throw InputError("\(fileName): only a header row; expected at least one point")
        }
        return (isHeader ? first.1.map(\.trimmingSpaces) : nil, body)
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
