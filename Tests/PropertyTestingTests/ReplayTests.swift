import Foundation
import Testing
@testable import OTVerifyCLI
@testable import PropertyTesting

private func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let output = TextSink.buffer()
    let errors = TextSink.buffer()
    let status = OTVerifyCommand.run(arguments, output: output, errors: errors)
    return (status, output.text, errors.text)
}

private func scratchDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("otverify-properties-\(UUID().uuidString)")
}

@Test func replayReproducesSavedCase() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let seed = String(TestBudget.seed)
    let search = run(["properties", "--property", "diagonal-plan", "--cases", "5", "--seed", seed, "--precision", "96", "--output", directory.path, "--quiet"])
    #expect(search.status == 0, "stderr: \(search.errors)")
    let path = directory.appendingPathComponent("diagonal-plan-seed\(seed).json").path
    #expect(search.output.contains("replay: otverify properties --replay \(path)"))

    let saved = try String(contentsOfFile: path, encoding: .utf8)
    let file = try CaseFile(parsing: saved)
    #expect(file.json().serialized() == saved)
    #expect(file.seed == TestBudget.seed)
    #expect(file.testCase.count == 2)

    let replay = run(["properties", "--replay", path])
    #expect(replay.status == 0, "stderr: \(replay.errors)")
    #expect(replay.output.contains("recorded fail, replayed fail"))
    #expect(replay.output.contains(file.verdict.message))
}

@Test func replayRejectsChangedMessage() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let testCase = PropertyCase(
        generator: "uniform-cube", source: [[.decimal("0")], [.decimal("1")]], target: [[.decimal("0")], [.decimal("1")]],
        regularization: .decimal("1"), stepsize: .decimal("0.5"), layers: 1)
    let file = CaseFile(property: "diagonal-plan", precisionBits: 96, seed: 1, caseIndex: 0, verdict: .fail("a different message"), testCase: testCase)
    let path = directory.appendingPathComponent("changed.json").path
    try file.json().serialized().write(toFile: path, atomically: true, encoding: .utf8)

    let replay = run(["properties", "--replay", path])
    #expect(replay.status == 1)
    #expect(replay.errors.contains("differs from the recorded verdict"))
}

@Test func replayRejectsInvalidFile() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("broken.json").path
    try #"{"format": "otverify-property-case-1", "property": "diagonal-plan"}"#.write(toFile: path, atomically: true, encoding: .utf8)

    let replay = run(["properties", "--replay", path])
    #expect(replay.status == 2)
    #expect(replay.errors.contains("field 'case' is missing"))
}

@Test func propertiesRejectsUnknownName() {
    let result = run(["properties", "--property", "no-such-property"])
    #expect(result.status == 2)
    #expect(result.errors.contains("unknown property 'no-such-property'"))
}
