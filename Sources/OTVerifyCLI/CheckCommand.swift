import ArbitraryPrecision
import Campaign
import Claims
import Foundation
import Reports

/// `otverify check`: claim verdicts on the default campaign or the user's points.
enum CheckCommand {
    static func run(_ arguments: [String], output: TextSink, errors: TextSink) throws {
        let command = "check"
        let options = try Arguments(
            arguments, command: command,
            options: ["claims", "source", "target", "lambda", "gamma", "layers", "precision", "format", "instance", "gamma-over-lambda", "threads", "precision-cap"],
            flags: ["quiet"])
        let format = try OptionValues.format(options.values["format"], allowed: ["json", "md"])
        let precision = try OptionValues.precision(options.values["precision"])
        let cap = try options.values["precision-cap"].map { try OptionValues.precision($0, option: "precision-cap") } ?? Swift.max(4096, precision)
        guard cap >= precision else {
            throw InputError("invalid --precision-cap '\(cap)': it must be at least --precision \(precision)")
        }
        let threads = try options.values["threads"].map { try OptionValues.positiveInteger($0, option: "threads", maximum: 256) }
            ?? ProcessInfo.processInfo.activeProcessorCount
        var plan = ClaimPlan(claims: try claims(options.values["claims"]), policy: PrecisionPolicy(startBits: precision, capBits: cap))
        if let ratio = options.values["gamma-over-lambda"] {
            _ = try OptionValues.positiveDecimal(ratio, option: "gamma-over-lambda", symbol: "γ/λ")
            plan.m1Ratios = [ratio]
        }

        let instances = try selectInstances(options, plan: &plan)
        let progress = ProgressReporter(sink: errors, enabled: !options.flags.contains("quiet"))
        let outcomes = try ClaimCampaign.run(instances, plan: plan, threads: threads) { name in
            progress.note("checked \(name)")
        }

        if outcomes.isEmpty {
            errors.write("otverify: note: none of the requested claims applies here (S1 needs d = 1; T1, L1, S1 and M1 are not run on the t2-regime instances)\n")
        }
        switch format {
        case "md":
            let header = "Decided at \(precision) bits against \(precision + 64) bits, raising the precision up to \(cap) bits before a verdict is undecided."
            output.write((["# OTVerify claim verdicts", "", header] + ClaimsReport.markdown(outcomes)).joined(separator: "\n") + "\n")
        default:
            output.write(JSONValue.object([("claims", ClaimsReport.json(outcomes))]).serialized())
        }
    }

    static func claims(_ text: String?) throws -> Set<ClaimID> {
        guard let text else { return Set(ClaimID.allCases) }
        var result: Set<ClaimID> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let id = ClaimID(argument: String(item).trimmingCharacters(in: .whitespaces)) else {
                throw InputError("invalid --claims item '\(item)': expected a comma-separated list of T1, L1, T2, T2p, S1, M1")
            }
            result.insert(id)
        }
        return result
    }

    /// The user's points when --source is given, one built-in instance with
    /// --instance, or the default claim campaign.
    static func selectInstances(_ options: Arguments, plan: inout ClaimPlan) throws -> [ClaimInstance] {
        let command = "check"
        if let sourcePath = options.values["source"] {
            guard options.values["instance"] == nil else {
                throw InputError("options '--instance' and '--source' exclude each other; give one of them")
            }
            let targetPath = try options.required("target", command: command)
            let lambda = try OptionValues.positiveDecimal(try options.required("lambda", command: command), option: "lambda", symbol: "λ")
            let gamma = try OptionValues.positiveDecimal(try options.required("gamma", command: command), option: "gamma", symbol: "γ")
            let layers = try OptionValues.positiveInteger(try options.required("layers", command: command), option: "layers")
            let points = try PointFiles.load(source: sourcePath, target: targetPath)
            let instance = Instance(name: "user", summary: "points from \(sourcePath) and \(targetPath)", source: points.source,
                                    target: points.target, regularization: lambda, stepsize: gamma, layers: layers)
            if options.values["gamma-over-lambda"] == nil { plan.m1Ratios = nil }
            plan.shortDepth = layers
            let selection = "--source \(sourcePath) --target \(targetPath) --lambda \(lambda) --gamma \(gamma) --layers \(layers)"
            return [ClaimInstance(instance: instance, selection: selection)]
        }
        for name in ["target", "lambda", "gamma", "layers"] where options.values[name] != nil {
            throw InputError("option '--\(name)' needs '--source' too; give --source, --target, --lambda, --gamma and --layers together")
        }
        let all = ClaimCampaign.defaultInstances()
        if let name = options.values["instance"] {
            guard let match = all.first(where: { $0.name == name }) else {
                throw InputError("unknown --instance '\(name)': expected one of \(all.map(\.name).joined(separator: ", "))")
            }
            return [match]
        }
        return all
    }
}
