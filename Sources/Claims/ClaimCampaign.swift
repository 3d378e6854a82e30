import ArbitraryPrecision
import Campaign
import Dispatch
import Foundation

/// The checks to run, their precision policy and their depth budgets.
public struct ClaimPlan: Sendable {
    public var claims: Set<ClaimID>
    public var policy: PrecisionPolicy
    /// Layers checked by T1 (the identity needs no long run).
    public var t1Depth: Int
    /// Layers for L1 and M1 on each instance.
    public var shortDepth: Int
    /// γ/λ values for M1; `nil` means the instance's own γ/λ only.
    public var m1Ratios: [String]?

    public init(claims: Set<ClaimID> = Set(ClaimID.allCases), policy: PrecisionPolicy = PrecisionPolicy(),
                t1Depth: Int = 40, shortDepth: Int = 200, m1Ratios: [String]? = M1Check.defaultRatios) {
        self.claims = claims
        self.policy = policy
        self.t1Depth = t1Depth
        self.shortDepth = shortDepth
        self.m1Ratios = m1Ratios
    }
}

/// The default claim campaign and its execution.
public enum ClaimCampaign {
    /// The default campaign's instances followed by the T2 regime.
    public static func defaultInstances() -> [ClaimInstance] {
        DefaultCampaign.instances.map { ClaimInstance(instance: $0) } + t2Regime()
    }

    /// Instances where T2's depth threshold 64·n³·r·e^{3r/λ} is reachable:
    /// small n, λ = 1, initial duals at distance r/2 = 0.005 from the
    /// closest minimizer.
    public static func t2Regime() -> [ClaimInstance] {
        (2...4).map { n in
            var random = SplitMix64.substream(seed: DefaultCampaign.seed, index: UInt64(100 + n))
            let source = (0..<n).map { _ in [ExactNumber.rounding(random.nextUnitInterval(), places: 3)] }
            // Increasing targets, so the matched x is the sorted list.
            let target = (0..<n).map { _ in random.nextUnitInterval() }.sorted().map { [ExactNumber.rounding($0, places: 3)] }
            let instance = Instance(
                name: "t2-regime-n\(n)", summary: "d = 1, n = \(n), uniform points, λ = 1, start at distance 0.005 from the minimizer",
                source: source, target: target, regularization: .decimal("1"), stepsize: .decimal("0.1"), layers: 2000)
            return ClaimInstance(
                instance: instance, start: .nearMinimizer(distance: .decimal("0.005"), seed: DefaultCampaign.seed &+ UInt64(n)),
                depth: 2000, series: "t2-regime")
        }
    }

    /// Runs the planned checks on one instance, in the fixed order T1, L1,
    /// T2/T2′, S1, M1.
    public static func check(_ claim: ClaimInstance, plan: ClaimPlan) throws -> [ClaimOutcome] {
        var outcomes: [ClaimOutcome] = []
        let regime = claim.name.hasPrefix("t2-regime")
        if plan.claims.contains(.t1) && !regime {
            outcomes += try T1Check.check(claim, depth: plan.t1Depth, policy: plan.policy)
        }
        if plan.claims.contains(.l1) && !regime {
            outcomes += try L1Check.check(claim, depth: Swift.min(plan.shortDepth, claim.depth), policy: plan.policy)
        }
        if plan.claims.contains(.t2) || plan.claims.contains(.t2Prime) {
            outcomes += try T2Check.check(claim, policy: plan.policy).filter { plan.claims.contains($0.id) }
        }
        if plan.claims.contains(.s1) && !regime {
            outcomes += try S1Check.check(claim, policy: plan.policy)
        }
        if plan.claims.contains(.m1) && !regime {
            let ratios: [ExactNumber?] = plan.m1Ratios.map { $0.map { ExactNumber.decimal($0) } } ?? [nil]
            for ratio in ratios {
                outcomes += try M1Check.check(claim, ratio: ratio, depth: Swift.min(plan.shortDepth, claim.depth), policy: plan.policy)
            }
        }
        return outcomes
    }

    /// Runs `instances` on up to `threads` threads; outcomes come back in
    /// instance order, so the result does not depend on the thread count.
    public static func run(
        _ instances: [ClaimInstance], plan: ClaimPlan, threads: Int,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws -> [ClaimOutcome] {
        try orderedParallelMap(instances, threads: threads) { claim in
            let outcomes = try check(claim, plan: plan)
            progress(claim.name)
            return outcomes
        }.flatMap { $0 }
    }
}
