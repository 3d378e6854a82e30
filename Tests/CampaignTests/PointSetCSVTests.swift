import Testing
@testable import Campaign

@Test func csvWithHeaderAndSpaces() throws {
    let points = try PointSetCSV.parse("a,b\n1, 2.5\r\n-3e-2,4\n\n", fileName: "p.csv")
    #expect(points == [[.decimal("1"), .decimal("2.5")], [.decimal("-3e-2"), .decimal("4")]])
}

@Test func csvWithoutHeader() throws {
    #expect(try PointSetCSV.parse("0.5\n1.5\n", fileName: "p.csv").count == 2)
}

@Test func csvErrorsNameFileLineAndValue() {
    let cases: [(String, String)] = [
        ("1,2\n3\n", "p.csv:2: 1 column, but line 1 has 2"),
        ("1,2\n3,abc\n", "p.csv:2: column 2: invalid number 'abc'"),
        ("1,2\nnan,4\n", "p.csv:2: column 1: invalid number 'nan'"),
        ("nan,1\n", "p.csv:1: column 1: invalid number 'nan'"),
        ("1\ninf\n", "p.csv:2: column 1: invalid number 'inf'"),
        ("", "p.csv: no data rows"),
        ("x,y\n", "p.csv: only a header row"),
        ("1e-99999999999\n0.5\n", "p.csv:1: column 1: invalid number '1e-99999999999': the exponent must have 1 to 9 digits"),
    ]
    for (text, expected) in cases {
        do {
            _ = try PointSetCSV.parse(text, fileName: "p.csv")
            Issue.record("accepted \(text.debugDescription)")
        } catch let error as InputError {
            #expect(error.message.hasPrefix(expected), "\(text.debugDescription) gave: \(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
