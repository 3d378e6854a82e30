import Foundation
import Testing
@testable import Claims

/// The verdicts of the committed report, by claim and instance.
private func committedVerdicts(claim: String, instance: String) throws -> [String] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Reports/default-campaign.json")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let claims = try #require(object["claims"] as? [[String: Any]])
    return claims.filter { $0["id"] as? String == claim && $0["instance"] as? String == instance }.compactMap { $0["verdict"] as? String }
}

private func defaultInstance(_ name: String) throws -> ClaimInstance {
    try #require(ClaimCampaign.defaultInstances().first { $0.name == name })
}

// Each test recomputes one claim on one cheap instance of the default
// campaign and asserts the verdicts that the committed report shows.

@Test func reportT1Verdicts() throws {
    let outcomes = try T1Check.check(try defaultInstance("uniform-1d"))
    #expect(outcomes.map(\.verdict.rawValue) == (try committedVerdicts(claim: "T1", instance: "uniform-1d")))
    #expect(outcomes.allSatisfy { $0.verdict == .refuted })
}

@Test func reportL1Verdicts() throws {
    let outcomes = try L1Check.check(try defaultInstance("gaussian-2d"), depth: 200)
    #expect(outcomes.map(\.verdict.rawValue) == (try committedVerdicts(claim: "L1", instance: "gaussian-2d")))
}

@Test func reportT2Verdicts() throws {
    let outcomes = try T2Check.check(try defaultInstance("t2-regime-n2"))
    let t2 = outcomes.filter { $0.id == .t2 }.map(\.verdict.rawValue)
    let t2Prime = outcomes.filter { $0.id == .t2Prime }.map(\.verdict.rawValue)
    #expect(t2 == (try committedVerdicts(claim: "T2", instance: "t2-regime-n2")))
    #expect(t2Prime == (try committedVerdicts(claim: "T2p", instance: "t2-regime-n2")))
}

@Test func reportS1Verdicts() throws {
    let outcomes = try S1Check.check(try defaultInstance("uniform-1d"))
    #expect(outcomes.map(\.verdict.rawValue) == (try committedVerdicts(claim: "S1", instance: "uniform-1d")))
}

@Test func reportM1Verdicts() throws {
    let claim = try defaultInstance("gaussian-2d")
    var verdicts: [String] = []
    for ratio in ["0.5", "2"] {
        verdicts += try M1Check.check(claim, ratio: .decimal(ratio), depth: 200).map(\.verdict.rawValue)
    }
    let committed = try committedVerdicts(claim: "M1", instance: "gaussian-2d")
    let ratios = M1Check.defaultRatios
    let width = M1Check.Quantity.allCases.count
    let expected = ["0.5", "2"].flatMap { ratio -> [String] in
        let index = ratios.firstIndex(of: ratio)!
        return Array(committed[(index * width)..<((index + 1) * width)])
    }
    #expect(verdicts == expected)
}
