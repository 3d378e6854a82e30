import Foundation
import Testing
@testable import OTVerifyCLI
@testable import Reports
import ArbitraryPrecision

/// A scratch folder with point files for one test.
private final class Scratch {
    let directory: URL

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("otverify-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ contents: String) -> String {
        let url = directory.appendingPathComponent(name)
        try! contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

private func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let output = TextSink.buffer()
    let errors = TextSink.buffer()
    let status = OTVerifyCommand.run(arguments, output: output, errors: errors)
    return (status, output.text, errors.text)
}

@Test func referencePrintsPlanJSON() throws {
    let scratch = Scratch()
    let source = scratch.file("s.csv", "x,y\n0.1,0.7\n1.3,-0.2\n")
    let target = scratch.file("t.csv", "0.3,0.2\n-0.6,0.9\n")
    let result = run(["reference", "--source", source, "--target", target, "--lambda", "0.5", "--precision", "128"])
    #expect(result.status == 0, "stderr: \(result.errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["plan", "u", "v", "marginalError", "precisionBits", "iterations"])
    #expect(object["precisionBits"] as? Int == 128)
    let plan = try #require(object["plan"] as? [[String]])
    #expect(plan.count == 2 && plan.allSatisfy { $0.count == 2 })
    let total = plan.joined().compactMap(Double.init).reduce(0, +)
    #expect(abs(total - 1) < 1e-15)
}

@Test func referenceCSVFormat() {
    let scratch = Scratch()
    let source = scratch.file("s.csv", "0\n1\n")
    let target = scratch.file("t.csv", "0.5\n2\n")
    let result = run(["reference", "--source", source, "--target", target, "--lambda", "1", "--format", "csv"])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 7)
    #expect(lines[0].hasPrefix("plan,0,"))
    #expect(lines[5] == "precisionBits,,256")
}

@Test func runPrintsLayerMetrics() throws {
    let scratch = Scratch()
    let source = scratch.file("s.csv", "0.2\n0.9\n0.5\n")
    let target = scratch.file("t.csv", "0\n0.5\n1\n")
    let result = run(["run", "--source", source, "--target", target, "--lambda", "0.2", "--gamma", "0.1", "--layers", "5", "--precision", "96", "--quiet"])
    #expect(result.status == 0, "stderr: \(result.errors)")
    #expect(result.errors.isEmpty)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let layers = try #require(object["layers"] as? [[String: Any]])
    #expect(layers.compactMap { $0["layer"] as? Int } == [0, 1, 2, 5])
    #expect(object["precisionBits"] as? Int == 96)
}

@Test func badInputsExitTwoWithOneLine() {
    let scratch = Scratch()
    let good = scratch.file("good.csv", "0\n1\n")
    let three = scratch.file("three.csv", "0\n1\n2\n")
    let wide = scratch.file("wide.csv", "0,1\n1,2\n")
    let ragged = scratch.file("ragged.csv", "0,1\n1\n")
    let text = scratch.file("text.csv", "0\nabc\n")
    let nan = scratch.file("nan.csv", "0\nNaN\n")
    let infinity = scratch.file("inf.csv", "0\n-inf\n")
    let missing = scratch.directory.appendingPathComponent("missing.csv").path
    let common = ["--gamma", "0.1", "--layers", "3"]

    let cases: [([String], String)] = [
        (["run", "--source", missing, "--target", good, "--lambda", "1"] + common, "missing.csv: file not found"),
        (["run", "--source", ragged, "--target", good, "--lambda", "1"] + common, "ragged.csv:2: 1 column,"),
        (["run", "--source", text, "--target", good, "--lambda", "1"] + common, "text.csv:2: column 1: invalid number 'abc'"),
        (["run", "--source", nan, "--target", good, "--lambda", "1"] + common, "nan.csv:2: column 1: invalid number 'NaN'"),
        (["run", "--source", infinity, "--target", good, "--lambda", "1"] + common, "inf.csv:2: column 1: invalid number '-inf'"),
        (["run", "--source", three, "--target", good, "--lambda", "1"] + common, "has 3 points but"),
        (["run", "--source", wide, "--target", good, "--lambda", "1"] + common, "has 2 columns but"),
        (["run", "--source", good, "--target", good, "--lambda", "0"] + common, "invalid --lambda '0'"),
        (["run", "--source", good, "--target", good, "--lambda", "-0.5"] + common, "invalid --lambda '-0.5'"),
        (["run", "--source", good, "--target", good, "--lambda", "nan"] + common, "invalid --lambda 'nan'"),
        (["run", "--source", good, "--target", good, "--lambda", "1", "--gamma", "x", "--layers", "3"], "invalid --gamma 'x'"),
        (["run", "--source", good, "--target", good, "--lambda", "1", "--gamma", "0.1", "--layers", "0"], "invalid --layers '0'"),
        (["run", "--source", good, "--target", good, "--lambda", "1", "--precision", "52"] + common, "invalid --precision '52'"),
        (["run", "--source", good, "--target", good, "--lambda", "1", "--precision", "65537"] + common, "invalid --precision '65537'"),
        (["reference", "--source", good, "--target", good], "missing option '--lambda'"),
        (["reference", "--source", good, "--target", good, "--lambda", "1", "--bogus", "1"], "unknown option '--bogus'"),
        (["reference", "--source", good, "--target", good, "--lambda", "1", "--format", "xml"], "invalid --format 'xml'"),
        (["frobnicate"], "unknown command 'frobnicate'"),
    ]
    for (arguments, expected) in cases {
        let result = run(arguments)
        #expect(result.status == 2, "\(arguments) exited \(result.status)")
        #expect(result.output.isEmpty, "\(arguments) printed output")
        #expect(result.errors.contains(expected), "\(arguments) gave: \(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1, "\(arguments) printed several lines")
    }
}

@Test func sinkhornFailureExitsOne() {
    let scratch = Scratch()
    let source = scratch.file("s.csv", "0\n1\n2\n")
    let target = scratch.file("t.csv", "0.1\n1.7\n2.2\n")
    let result = run(["reference", "--source", source, "--target", target, "--lambda", "0.01", "--max-iterations", "2"])
    #expect(result.status == 1)
    #expect(result.output.isEmpty)
    #expect(result.errors.contains("Sinkhorn did not converge"))
}

@Test func helpForEveryCommand() {
    for command in [["--help"], ["campaign", "--help"], ["reference", "--help"], ["run", "--help"], ["check", "--help"], ["properties", "--help"], ["bench", "--help"]] {
        let result = run(command)
        #expect(result.status == 0)
        #expect(result.output.contains("Usage"), "\(command)")
    }
    #expect(run(["run", "--help"]).output.contains("--gamma"))
}

@Test func campaignRejectsBadOptionsBeforeWriting() {
    let scratch = Scratch()
    let folder = scratch.directory.appendingPathComponent("report").path
    let result = run(["campaign", "--output", folder, "--precision", "abc"])
    #expect(result.status == 2)
    #expect(!FileManager.default.fileExists(atPath: folder))
}

@Test func benchPrintsOneRowPerSizeAndPrecision() {
    let result = run(["bench", "--sizes", "3,5", "--precisions", "53,80", "--repetitions", "1", "--skip-python", "--quiet"])
    #expect(result.status == 0, "stderr: \(result.errors)")
    let rows = result.output.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| n ") }
    #expect(rows.map { $0.split(separator: "|")[0...1].map { $0.trimmingCharacters(in: .whitespaces) } } == [["3", "53"], ["3", "80"], ["5", "53"], ["5", "80"]])
    #expect(result.output.contains("Peak resident set size"))
}

@Test func benchRejectsInvalidSizes() {
    let result = run(["bench", "--sizes", "8,x", "--skip-python"])
    #expect(result.status == 2)
    #expect(result.errors.contains("invalid --sizes '8,x'"))
}

@Test func referenceMatchesDecimalComputation() throws {
    // The points and λ of Tests/TransportTests/Fixtures/reference_plan.txt,
    // whose plan was computed with Python's decimal module at 100 digits.
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TransportTests/Fixtures/reference_plan.txt")
    let rows = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    let scratch = Scratch()
    let source = scratch.file("s.csv", rows.filter { $0[0] == "source" }.map { $0.dropFirst().joined(separator: ",") }.joined(separator: "\n"))
    let target = scratch.file("t.csv", rows.filter { $0[0] == "target" }.map { $0.dropFirst().joined(separator: ",") }.joined(separator: "\n"))
    let lambda = try #require(rows.first { $0[0] == "lambda" })[1]
    let expected = rows.filter { $0[0] == "plan" }.map { Array($0.dropFirst()) }

    let result = run(["reference", "--source", source, "--target", target, "--lambda", lambda, "--precision", "256"])
    #expect(result.status == 0, "stderr: \(result.errors)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let plan = try #require(object["plan"] as? [[String]])
    #expect(plan.count == expected.count)
    let bound = try BigFloat(decimal: "1e-35", precision: 256)
    for (i, row) in plan.enumerated() {
        for (j, entry) in row.enumerated() {
            let difference = (try BigFloat(decimal: entry, precision: 256) - BigFloat(decimal: expected[i][j], precision: 256)).magnitude
            #expect(difference < bound, "plan[\(i)][\(j)] differs by \(difference.formatted(significantDigits: 3))")
        }
    }
}

@Test func hostileInputsFailCleanly() {
    let scratch = Scratch()
    let small = scratch.file("s.csv", "0\n1\n2\n")
    let target = scratch.file("t.csv", "0.5\n1.5\n2.5\n")
    let huge = scratch.file("huge.csv", "0\n1e300000000\n2\n")
    let headerLike = scratch.file("first.csv", "1e999999999\n0\n1\n2\n")
    let aFile = scratch.file("a-file", "x")

    let cases: [([String], Int32, String)] = [
        (["run", "--source", small, "--target", target, "--lambda", "0.5", "--gamma", "1e10", "--layers", "3", "--quiet"], 1, "left the number range"),
        (["reference", "--source", huge, "--target", target, "--lambda", "0.5"], 2, "huge.csv:2: column 1: '1e300000000' is too large"),
        (["reference", "--source", headerLike, "--target", target, "--lambda", "0.5"], 2, "first.csv:1: column 1: invalid number '1e999999999'"),
        (["reference", "--source", small, "--target", target, "--lambda", "1e-999999999"], 2, "too small"),
        (["reference", "--source", small, "--target", target, "--lambda", "0.5", "--tolerance", "10"], 2, "invalid --tolerance '10'"),
        (["campaign", "--output", aFile, "--quiet"], 2, "it is a file, not a folder"),
        (["campaign", "--output", "", "--quiet"], 2, "invalid --output ''"),
        (["campaign", "--quiet", "--quiet"], 2, "is given twice"),
        (["check", "--precision", "256", "--precision-cap", "52"], 2, "invalid --precision-cap '52'"),
        (["check", "--instance", "notebook", "--source", small, "--target", target, "--lambda", "1", "--gamma", "1", "--layers", "2"], 2, "exclude each other"),
        (["run", "--source", small, "--target", target, "--lambda", "0.5\nfoo", "--gamma", "1", "--layers", "1"], 2, "'0.5\\u{a}foo'"),
    ]
    for (arguments, status, expected) in cases {
        let result = run(arguments)
        #expect(result.status == status, "\(arguments) exited \(result.status): \(result.errors)")
        #expect(result.output.isEmpty, "\(arguments) printed output")
        #expect(result.errors.contains(expected), "\(arguments) gave: \(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1, "\(arguments) printed several lines")
    }
}

@Test func checkWithOneLayerDoesNotCrash() throws {
    let scratch = Scratch()
    let source = scratch.file("s.csv", "0\n1\n2\n")
    let target = scratch.file("t.csv", "0.5\n1.5\n2.5\n")
    let result = run(["check", "--claims", "S1", "--source", source, "--target", target, "--lambda", "0.5", "--gamma", "0.25", "--layers", "1", "--precision", "53", "--precision-cap", "106", "--quiet"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.output.contains("\"undecided\""))
}

@Test func reportFilesAllOrNothing() throws {
    let scratch = Scratch()
    let folder = scratch.directory.appendingPathComponent("report")
    try ReportFiles.write([("a.txt", "old a"), ("b.txt", "old b")], to: folder)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("c.txt"), withIntermediateDirectories: true)
    #expect(throws: ReportFileError.self) {
        try ReportFiles.write([("a.txt", "new a"), ("b.txt", "new b"), ("c.txt", "new c")], to: folder)
    }
    #expect(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8) == "old a")
    #expect(try String(contentsOf: folder.appendingPathComponent("b.txt"), encoding: .utf8) == "old b")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty, "\(leftovers)")

    try FileManager.default.removeItem(at: folder.appendingPathComponent("c.txt"))
    try ReportFiles.write([("a.txt", "new a"), ("c.txt", "new c")], to: folder)
    #expect(try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8) == "new a")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
}

@Test func reportFolderPathsWithDotDotAndFiles() throws {
    // "missing/../report" names an existing parent through a missing folder,
    // and a file in place of a parent folder gets its own message.
    let scratch = Scratch()
    let throughMissing = URL(fileURLWithPath: scratch.directory.path + "/missing/../report")
    try ReportFiles.write([("a.txt", "a")], to: throughMissing)
    let written = scratch.directory.appendingPathComponent("report/a.txt")
    #expect(try String(contentsOf: written, encoding: .utf8) == "a")

    _ = scratch.file("plain", "not a folder")
    let underFile = scratch.directory.appendingPathComponent("plain/x/y")
    do {
        try ReportFiles.write([("a.txt", "a")], to: underFile)
        Issue.record("wrote under a file")
    } catch let error as ReportFileError {
        #expect(error.description.contains("is a file, not a folder"), "\(error.description)")
    }
}

@Test func runWarnsAboutMetricsOutsideTheNumberRange() {
    // At λ = 1e-12, exp(C/λ) leaves MPFR's exponent range, so the separately
    // run algorithm's metrics become NaN; the run still succeeds.
    let scratch = Scratch()
    let source = scratch.file("s.csv", "0.1\n0.5\n0.9\n")
    let target = scratch.file("t.csv", "0.2\n0.4\n0.8\n")
    let result = run(["run", "--source", source, "--target", target, "--lambda", "1e-12", "--gamma", "0.05", "--layers", "5", "--quiet"])
    #expect(result.status == 0, "stderr: \(result.errors)")
    #expect(result.errors.contains("warning: some metrics are NaN or infinite from layer"))
    #expect(result.output.contains("nan") || result.output.contains("inf"))
}

@Test func referenceReportsTheEpsilonScalingRestart() {
    // Sinkhorn–Newton from zero duals stalls on these points at λ = 1e-8, and
    // `reference` prints a progress line before restarting with ε-scaling.
    // --quiet removes that line and changes nothing else.
    let scratch = Scratch()
    let source = scratch.file("s.csv", "0.956\n0.948\n0.057\n0.085\n")
    let target = scratch.file("t.csv", "0.835\n0.736\n0.670\n0.308\n")
    let loud = run(["reference", "--source", source, "--target", target, "--lambda", "1e-8"])
    #expect(loud.status == 0, "stderr: \(loud.errors)")
    #expect(loud.errors.contains("restarting with ε-scaling"))
    let quiet = run(["reference", "--source", source, "--target", target, "--lambda", "1e-8", "--quiet"])
    #expect(quiet.errors.isEmpty)
    #expect(quiet.output == loud.output)
}
