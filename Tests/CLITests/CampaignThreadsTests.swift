import Testing
@testable import Campaign
@testable import Claims
@testable import OTVerifyCLI
@testable import Reports

/// Four small instances of 5 points each in d = 1, with different seeds.
private func smallInstances() -> [Instance] {
    (0..<4).map { index in
        var random = SplitMix64(seed: UInt64(100 + index))
        let points = (0..<10).map { _ in [ExactNumber.rounding(random.nextUnitInterval(), places: 3)] }
        return Instance(
            name: "small-\(index)", summary: "test", source: Array(points[0..<5]), target: Array(points[5..<10]),
            regularization: .decimal("0.2"), stepsize: .decimal("0.1"), layers: 15)
    }
}

@Test func campaignJSONIndependentOfThreads() throws {
    func json(threads: Int) throws -> String {
        let results = try CampaignExecution.run(smallInstances(), precision: 96, threads: threads) { _, _, _ in }
        return JSONValue.array(results.map(ResultJSON.instance)).serialized()
    }
    let single = try json(threads: 1)
    let double = try json(threads: 2)
    #expect(single == double)
    #expect(single.contains("\"small-3\""))
}

@Test func claimVerdictsIndependentOfThreads() throws {
    let instances = smallInstances().map { ClaimInstance(instance: $0) }
    let plan = ClaimPlan(claims: [.t1, .m1], policy: PrecisionPolicy(startBits: 96, capBits: 192), t1Depth: 5, shortDepth: 15, m1Ratios: ["0.5"])
    let single = ClaimsReport.json(try ClaimCampaign.run(instances, plan: plan, threads: 1)).serialized()
    let double = ClaimsReport.json(try ClaimCampaign.run(instances, plan: plan, threads: 2)).serialized()
    #expect(single == double)
    #expect(single.contains("\"small-3\""))
}
