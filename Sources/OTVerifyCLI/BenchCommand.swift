import ArbitraryPrecision
import Campaign
import Foundation

/// `otverify bench`: times one hidden layer of each Swift engine and of the
/// Python baselines in the same run, and prints medians and ratios.
enum BenchCommand {
    static func run(_ arguments: [String], output: TextSink, errors: TextSink) throws {
        let command = "bench"
        let options = try Arguments(
            arguments, command: command,
            options: ["sizes", "precisions", "repetitions", "baselines", "mpmath-max-n"], flags: ["skip-python", "quiet"])
        let sizes = try integerList(options.values["sizes"] ?? "8,32,64,128", option: "sizes", range: 1...4096)
        let precisions = try integerList(options.values["precisions"] ?? "53,256,1024", option: "precisions", range: 53...65536)
        let repetitions = try options.values["repetitions"].map { try OptionValues.positiveInteger($0, option: "repetitions", maximum: 1000) } ?? 5
        let mpmathLimit = try options.values["mpmath-max-n"].map { try OptionValues.positiveInteger($0, option: "mpmath-max-n", maximum: 4096) } ?? 64
        if options.flags.contains("skip-python"), options.values["baselines"] != nil {
            throw InputError("options '--baselines' and '--skip-python' exclude each other; give one of them")
        }
        let baselineFolder = options.values["baselines"] ?? "Benchmarks"
        if !options.flags.contains("skip-python") {
            let script = URL(fileURLWithPath: baselineFolder).appendingPathComponent("baseline.py").path
            guard FileManager.default.fileExists(atPath: script) else {
                throw InputError("\(script): file not found; give the Benchmarks folder of this repository with --baselines, or --skip-python")
            }
        }
        let baseline = options.flags.contains("skip-python") ? nil : PythonBaseline(directory: baselineFolder)
        let quiet = options.flags.contains("quiet")
        let environment = URL(fileURLWithPath: baselineFolder).appendingPathComponent(".venv").path
        if baseline != nil, !quiet, !FileManager.default.fileExists(atPath: environment) {
            errors.write("bench: first use: the baselines will create \(environment) and install numpy, mpmath and python-flint from PyPI into it\n")
        }

        var rows: [BenchRow] = []
        for n in sizes {
            for bits in precisions {
                if !quiet { errors.write("bench: n = \(n), \(bits) bits\n") }
                let swift = bits == 53
                    ? LayerBenchmark.measure(Double.self, n: n, precision: 53, repetitions: repetitions)
                    : LayerBenchmark.measure(BigFloat.self, n: n, precision: bits, repetitions: repetitions)
                var row = BenchRow(n: n, bits: bits, swift: swift)
                if let baseline {
                    func time(_ library: String) -> Double? {
                        do {
                            return try baseline.medianSeconds(library: library, n: n, bits: bits, repetitions: repetitions)
                        } catch {
                            errors.write("bench: \(error)\n")
                            return nil
                        }
                    }
                    row.numpy = bits == 53 ? time("numpy") : nil
                    row.flint = time("flint")
                    row.mpmath = n <= mpmathLimit ? time("mpmath") : nil
                }
                rows.append(row)
            }
        }
        output.write(BenchTable.render(rows, repetitions: repetitions))
        output.write("\nPeak resident set size of this process: \(peakResidentMebibytes()) MiB.\n")
    }

    /// Parses a comma-separated list of whole numbers within `range`.
    static func integerList(_ text: String, option: String, range: ClosedRange<Int>) throws -> [Int] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0.map(range.contains) ?? false }) else {
            throw InputError("invalid --\(option) '\(text)': expected comma-separated whole numbers from \(range.lowerBound) to \(range.upperBound)")
        }
        return values.map { $0! }
    }

    /// Returns the largest resident set size of this process so far, from getrusage
    /// (Linux reports ru_maxrss in KiB).
    static func peakResidentMebibytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
