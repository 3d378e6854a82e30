import ArbitraryPrecision
import Campaign
import Reports
import Transport

/// `otverify reference`: the Sinkhorn plan and duals for the user's points.
enum ReferenceCommand {
    static func run(_ arguments: [String], output: TextSink, errors: TextSink) throws {
        let command = "reference"
        let options = try Arguments(
            arguments, command: command,
            options: ["source", "target", "lambda", "precision", "tolerance", "max-iterations", "format"], flags: ["quiet"])
        let format = try OptionValues.format(options.values["format"], allowed: ["json", "csv"])
        let precision = try OptionValues.precision(options.values["precision"])
        let lambda = try OptionValues.positiveDecimal(try options.required("lambda", command: command), option: "lambda", symbol: "λ")
        let maxIterations = try options.values["max-iterations"].map { try OptionValues.positiveInteger($0, option: "max-iterations") } ?? 200_000
        let tolerance = try options.values["tolerance"].map {
            try OptionValues.positiveDecimal($0, option: "tolerance", symbol: "the tolerance").value(precision: precision) as BigFloat
        }
        let points = try PointFiles.load(
            source: try options.required("source", command: command),
            target: try options.required("target", command: command))

        if let tolerance, tolerance >= BigFloat(1, precision: precision) / BigFloat(points.source.count, precision: precision) {
            throw InputError("invalid --tolerance '\(options.values["tolerance"]!)': it must be below 1/n = 1/\(points.source.count), or any matrix would pass")
        }
        let instance = Instance(name: "user", summary: "", source: points.source, target: points.target,
                                regularization: lambda, stepsize: .decimal("1"), layers: 1)
        let problem: TransportProblem<BigFloat> = instance.problem(precision: precision)
        let progress = ProgressReporter(sink: errors, enabled: !options.flags.contains("quiet"))
        let plan = try Sinkhorn.solve(problem, tolerance: tolerance, maxIterations: maxIterations) { progress.note("reference: \($0)") }

        switch format {
        case "csv":
            var text = ResultCSV.reference(
                plan: (0..<plan.plan.rows).map { plan.plan.row($0).map { $0.roundTripDecimal() } },
                u: plan.u.map { $0.roundTripDecimal() },
                v: plan.v.map { $0.roundTripDecimal() })
            text += "marginalError,,\(plan.marginalError.roundTripDecimal())\n"
            text += "precisionBits,,\(plan.precisionBits)\n"
            text += "iterations,,\(plan.iterations)\n"
            output.write(text)
        default:
            output.write(ResultJSON.reference(plan).serialized())
        }
    }
}
