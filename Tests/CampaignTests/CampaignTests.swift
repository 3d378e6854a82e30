import Foundation
import Testing
@testable import ArbitraryPrecision
@testable import Campaign
@testable import Construction
@testable import Reports
@testable import Transport

@Test func splitMix64ReferenceStream() {
    // The first outputs for seed 0 in the published reference implementation.
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(generator.next() == 0x06C4_5D18_8009_454F)
}

@Test func substreamsReplayIndependently() {
    var first = SplitMix64.substream(seed: 42, index: 3)
    var again = SplitMix64.substream(seed: 42, index: 3)
    var other = SplitMix64.substream(seed: 42, index: 4)
    let a = (0..<4).map { _ in first.next() }
    #expect(a == (0..<4).map { _ in again.next() })
    #expect(a != (0..<4).map { _ in other.next() })
}

@Test func reportedLayersAreLogSpaced() {
    #expect(reportedLayers(depth: 5001) == [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 5001])
    #expect(reportedLayers(depth: 1) == [0, 1])
    #expect(reportedLayers(depth: 20) == [0, 1, 2, 5, 10, 20])
}

@Test func exactRoundingOfDraws() {
    #expect(ExactNumber.rounding(-0.0123456, places: 3) == .decimal("-0.012"))
    #expect(ExactNumber.rounding(1.9996, places: 3) == .decimal("2.000"))
    #expect(ExactNumber.rounding(0.5, places: 0) == .decimal("1") || ExactNumber.rounding(0.5, places: 0) == .decimal("0"))
}

@Test func embeddedIrisMatchesDataFile() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data/iris.csv")
    let file = try String(contentsOf: url, encoding: .utf8)
    // Swift string literals store line breaks as LF; the data file uses CRLF.
    #expect(file.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines) == irisCSV)
}

@Test func defaultCampaignInstances() {
    let instances = DefaultCampaign.instances
    #expect(instances.map(\.name) == ["notebook", "sorting-15", "iris", "uniform-1d", "gaussian-2d", "uniform-3d"])
    let notebook = DefaultCampaign.notebook()
    #expect(notebook.layers == 5001)
    #expect(Set(notebook.source.map { $0[0] }) == Set((0..<6).map { ExactNumber.rational($0, 6) }))
    let iris = DefaultCampaign.iris()
    #expect(iris.count == 50 && iris.dimension == 4)
    #expect(iris.source[0] == ["5.1", "3.5", "1.4", "0.2"].map(ExactNumber.decimal))
    #expect(iris.target[0] == ["7.0", "3.2", "4.7", "1.4"].map(ExactNumber.decimal))
}

@Test func notebookAlgorithmReachesPlan() throws {
    // The separately run algorithm on the notebook instance ends within 1e-3
    // of P*_λ in the entrywise ℓ1 norm.
    let instance = DefaultCampaign.notebook()
    let problem: TransportProblem<BigFloat> = instance.problem(precision: 128)
    let reference = try Sinkhorn.solve(problem)
    let (u0, v0): ([BigFloat], [BigFloat]) = instance.initialDuals(precision: 128)
    var algorithm = DualGradientDescent(problem: problem, initialU: u0, initialV: v0)
    let gamma: BigFloat = instance.stepsize.value(precision: 128)
    for _ in 0..<instance.layers { algorithm.advance(stepsize: gamma) }
    let error = VectorNorms.entrywiseL1Distance(problem.kernelMatrix(u: algorithm.u, v: algorithm.v), reference.plan)
    #expect(error < (try BigFloat(decimal: "1e-3", precision: 128)))
}

private func smallInstance(_ name: String, seed: UInt64) -> Instance {
    var random = SplitMix64(seed: seed)
    let points = (0..<8).map { _ in [ExactNumber.rounding(random.nextUnitInterval(), places: 3)] }
    return Instance(name: name, summary: "test", source: Array(points[0..<4]), target: Array(points[4..<8]).sorted { $0[0].description < $1[0].description },
                    regularization: .decimal("0.2"), stepsize: .decimal("0.1"), layers: 12)
}

@Test func instanceRunMeasuresEveryReportedLayer() throws {
    let result = try InstanceRunner.run(smallInstance("a", seed: 1), as: BigFloat.self, precision: 128)
    #expect(result.layers.map(\.layer) == [0, 1, 2, 5, 10, 12])
    #expect(result.layers[0].algorithmDeviation.isZero)
    #expect(result.layers[1].algorithmDeviation < (try BigFloat(decimal: "1e-30", precision: 128)))
    #expect(result.layers.allSatisfy { $0.readoutError != nil })
    #expect(result.precisionBits == 128)
}

@Test func instanceRunIsDeterministic() throws {
    let first = try InstanceRunner.run(smallInstance("a", seed: 5), as: BigFloat.self, precision: 96)
    let second = try InstanceRunner.run(smallInstance("a", seed: 5), as: BigFloat.self, precision: 96)
    #expect(ResultJSON.instance(first).serialized() == ResultJSON.instance(second).serialized())
}
