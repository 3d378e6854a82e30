import Testing
import PropertyTesting

/// Runs every shipped property on the test budget. A property expected to
/// hold must show no counterexample; one expected to fail must yield a
/// counterexample that the shrinker made no larger.
@Test(arguments: PropertyCatalog.all.map(\.name))
func catalogPropertyRun(name: String) throws {
    let property = try #require(PropertyCatalog.named(name))
    let report = PropertyRunner.run(property, configuration: TestBudget.configuration)
    switch property.expectation {
    case .holds:
        #expect(report.counterexample == nil, "\(report.text(casePath: nil))")
        #expect(report.passed > 0, "no case passed: \(report.text(casePath: nil))")
    case .counterexampleExpected:
        let counterexample = try #require(report.counterexample, "no counterexample: \(report.text(casePath: nil))")
        #expect(counterexample.minimal.count <= counterexample.original.count)
        #expect(counterexample.minimal.dimension <= counterexample.original.dimension)
        #expect(counterexample.minimal.layers <= counterexample.original.layers)
        #expect(property.evaluate(counterexample.minimal, precision: TestBudget.precision) == .fail(counterexample.message))
    }
}

@Test func diagonalPlanShrinksToTwoPoints() throws {
    let property = try #require(PropertyCatalog.named("diagonal-plan"))
    let report = PropertyRunner.run(property, configuration: TestBudget.configuration)
    let counterexample = try #require(report.counterexample)
    #expect(counterexample.minimal.count <= 2)
    #expect(counterexample.minimal.count == 2, "n = 1 gives a diagonal plan, so 2 points are minimal")
    #expect(counterexample.minimal.dimension == 1)
    #expect(counterexample.minimal.layers == 1)
}

@Test func t1EveryLayerFailsAtLayerTwo() throws {
    let property = try #require(PropertyCatalog.named("t1-every-layer"))
    let report = PropertyRunner.run(property, configuration: TestBudget.configuration)
    let counterexample = try #require(report.counterexample)
    #expect(counterexample.minimal.layers == 2)
    #expect(counterexample.message.hasPrefix("layer 2 differs"))
}

@Test func propertyNamesUnique() {
    let names = PropertyCatalog.all.map(\.name)
    #expect(Set(names).count == names.count)
}

@Test func shrinkingStopsAtItsDeadline() throws {
    // A deadline already past leaves the failing case as it was and reports
    // that shrinking stopped early.
    let property = try #require(PropertyCatalog.named("diagonal-plan"))
    let report = PropertyRunner.run(property, configuration: TestBudget.configuration)
    let counterexample = try #require(report.counterexample)
    let stopped = Shrinker.shrink(
        counterexample.original, message: counterexample.originalMessage, property: property,
        precision: TestBudget.precision, maxEvaluations: 400, deadline: ContinuousClock.now)
    #expect(stopped.stoppedAtDeadline)
    #expect(stopped.evaluations == 0)
    #expect(stopped.minimal.count == counterexample.original.count)
    #expect(!counterexample.shrinkStoppedAtTimeLimit, "the test budget has no time limit")
}
