import Foundation
import Testing
import PropertyTesting

/// Lists the saved minimal counterexamples in Tests/PropertyCorpus.
private func corpusFiles() -> [String] {
    let folder = TestBudget.repositoryRoot.appendingPathComponent("Tests/PropertyCorpus")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0).path }
}

@Test func corpusNotEmpty() {
    #expect(corpusFiles().count >= 5)
}

/// Each saved case gives, on replay, exactly the recorded verdict and message.
@Test(arguments: corpusFiles())
func corpusCaseReplays(path: String) throws {
    let file = try CaseFile(parsing: try String(contentsOfFile: path, encoding: .utf8))
    let property = try #require(PropertyCatalog.named(file.property), "unknown property \(file.property)")
    #expect(property.evaluate(file.testCase, precision: file.precisionBits) == file.verdict)
}
