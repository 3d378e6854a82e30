import Campaign
import Foundation
import Testing
@testable import PropertyTesting

@Test func generatorReplaysOneCase() {
    let generator = CaseGenerator(settings: .standard)
    let direct = generator.generate(seed: 99, index: 7)
    let again = generator.generate(seed: 99, index: 7)
    #expect(CaseFile.json(of: direct) == CaseFile.json(of: again))
    #expect(CaseFile.json(of: direct) != CaseFile.json(of: generator.generate(seed: 99, index: 8)))
}

@Test(arguments: PointSetKind.allCases)
func generatorKindShapes(kind: PointSetKind) {
    let settings = GeneratorSettings(kinds: [kind], counts: 2...6, dimensions: 1...3)
    let generator = CaseGenerator(settings: settings)
    for index in 0..<10 {
        let testCase = generator.generate(seed: 5, index: UInt64(index))
        #expect(testCase.generator == kind.rawValue)
        #expect((2...6).contains(testCase.count))
        #expect(testCase.target.count == testCase.count)
        #expect((testCase.source + testCase.target).allSatisfy { $0.count == testCase.dimension })
        #expect((testCase.regularization.value(precision: 53) as Double) > 0)
        #expect((testCase.stepsize.value(precision: 53) as Double) > 0)
        let coordinates = (testCase.source + testCase.target).flatMap { $0 }.map { $0.value(precision: 53) as Double }
        switch kind {
        case .highDimension:
            #expect([16, 32, 64].contains(testCase.dimension))
        case .iris:
            #expect(testCase.dimension == 4)
        case .tinyScale:
            #expect(coordinates.allSatisfy { abs($0) <= 1e-6 })
        case .largeScale:
            #expect(coordinates.allSatisfy { abs($0) <= 1e6 })
        case .sortingPermutation, .sortingTies, .sortingSorted, .sortingReversed:
            #expect(testCase.dimension == 1)
            let targets = testCase.target.map { $0[0].value(precision: 53) as Double }
            #expect(targets == targets.sorted())
        default:
            break
        }
    }
}

@Test func generatorPinnedStream() {
    // Pins the draw order: a change here changes every saved seed's cases.
    let testCase = CaseGenerator(settings: .sorting).generate(seed: 1, index: 0)
    #expect(testCase.generator == "sorting-sorted")
    #expect(testCase.source.map { $0[0].description } == ["0/20", "3/20", "9/20"])
    #expect(testCase.regularization.description == "3e-2")
}

@Test func nearTiesCloserThanSquareRootLambda() {
    let generator = CaseGenerator(settings: GeneratorSettings(kinds: [.nearTies], counts: 2...2, dimensions: 1...3))
    for index in 0..<10 {
        let testCase = generator.generate(seed: 3, index: UInt64(index))
        let x = testCase.source.map { $0.map { $0.value(precision: 53) as Double } }
        let distance = zip(x[0], x[1]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        let lambda: Double = testCase.regularization.value(precision: 53)
        #expect(distance < lambda.squareRoot(), "points \(x) with λ = \(lambda)")
    }
}

@Test func wineDataMatchesFile() throws {
    let url = TestBudget.repositoryRoot.appendingPathComponent("Data/wine.csv")
    let file = try String(contentsOf: url, encoding: .utf8)
    #expect(file.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines) == wineCSV)
}

extension CaseFile {
    /// Serializes a case on its own as JSON.
    static func json(of testCase: PropertyCase) -> String {
        CaseFile(property: "", precisionBits: 53, seed: 0, caseIndex: 0, verdict: .pass, testCase: testCase).json().serialized()
    }
}
