import ArbitraryPrecision
import Campaign
import Reports

/// `otverify run`: the construction on the user's points, with per-layer metrics.
enum RunCommand {
    static func run(_ arguments: [String], output: TextSink, errors: TextSink) throws {
        let command = "run"
        let options = try Arguments(arguments, command: command, options: ["source", "target", "lambda", "gamma", "layers", "precision", "format"], flags: ["quiet"])
        let format = try OptionValues.format(options.values["format"], allowed: ["json", "csv"])
        let precision = try OptionValues.precision(options.values["precision"])
        let lambda = try OptionValues.positiveDecimal(try options.required("lambda", command: command), option: "lambda", symbol: "λ")
        let gamma = try OptionValues.positiveDecimal(try options.required("gamma", command: command), option: "gamma", symbol: "γ")
        let layers = try OptionValues.positiveInteger(try options.required("layers", command: command), option: "layers")
        let sourcePath = try options.required("source", command: command)
        let targetPath = try options.required("target", command: command)
        let points = try PointFiles.load(source: sourcePath, target: targetPath)

        let instance = Instance(
            name: "user", summary: "points from \(sourcePath) and \(targetPath)",
            source: points.source, target: points.target,
            regularization: lambda, stepsize: gamma, layers: layers)
        let progress = ProgressReporter(sink: errors, enabled: !options.flags.contains("quiet"))
        let result = try InstanceRunner.run(
            instance, as: BigFloat.self, precision: precision,
            progress: { done, total in progress.update(label: "run", done: done, total: total) },
            note: { progress.note("run: \($0)") })

        // NaN or infinite metrics are reported as they are, with one warning,
        // because they show where a quantity left MPFR's range.
        if let first = result.layers.first(where: { metrics in
            let values = [metrics.kernelError, metrics.attentionError, metrics.maxRowError, metrics.maxColumnError,
                          metrics.dualObjective, metrics.algorithmDeviation, metrics.algorithmKernelError,
                          metrics.algorithmDualObjective, metrics.extraTokenU, metrics.extraTokenV] + (metrics.readoutError.map { [$0] } ?? [])
            return values.contains { !$0.isFinite }
        }) {
            errors.write("otverify: warning: some metrics are NaN or infinite from layer \(first.layer) on, because a quantity left MPFR's number range (about 2^±2^30, whatever the precision); a larger λ keeps them finite\n")
        }

        switch format {
        case "csv":
            output.write(ResultCSV.layers(result.layers))
        default:
            output.write(ResultJSON.instance(result).serialized())
        }
    }
}
