import Foundation

/// Runs Benchmarks/baseline.py, which times the same layer in numpy, mpmath
/// or python-flint in a virtual environment of its own.
struct PythonBaseline {
    /// The folder that contains baseline.py.
    let directory: String

    /// Returns the median seconds per layer that the script reports.
    ///
    /// - Throws: `PythonBaselineError` when python3 cannot be started, the
    ///   script exits with a nonzero status, or its output is not the
    ///   expected JSON object.
    func medianSeconds(library: String, n: Int, bits: Int, repetitions: Int) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "\(directory)/baseline.py", "--library", library,
            "--n", String(n), "--bits", String(bits), "--repetitions", String(repetitions),
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PythonBaselineError(message: "cannot start python3 for \(directory)/baseline.py: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonBaselineError(message: "baseline.py --library \(library) --n \(n) --bits \(bits) failed with status \(process.terminationStatus): \(errorText.suffix(400))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let median = object["median_seconds"] as? Double else {
            throw PythonBaselineError(message: "baseline.py --library \(library) printed no median_seconds: \(String(decoding: data, as: UTF8.self).prefix(200))")
        }
        return median
    }
}

struct PythonBaselineError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
