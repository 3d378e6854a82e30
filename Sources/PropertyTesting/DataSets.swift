import Campaign
import Foundation

/// The numeric columns of the embedded real data sets, as exact decimals.
enum DataSets {
    /// Iris: 150 rows of 4 measurements in cm.
    static let iris = numericRows(irisCSV, name: "iris.csv", columns: 4)
    /// Wine: 178 rows of 13 chemical measurements in their raw units.
    static let wine = numericRows(wineCSV, name: "wine.csv", columns: 13)

    private static func numericRows(_ text: String, name: String, columns: Int) -> [[ExactNumber]] {
        // The embedded tables are fixed and valid, so parsing cannot fail.
        let table = try! PointSetCSV.table(text, fileName: name)
        return table.body.map { row in row.1.prefix(columns).map { .decimal($0.trimmingCharacters(in: .whitespaces)) } }
    }
}
