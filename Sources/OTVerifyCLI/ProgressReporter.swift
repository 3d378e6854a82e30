import Foundation

/// Progress lines on standard error for long runs: one line per instance per
/// tenth of its layers, and none at all when disabled.
final class ProgressReporter: @unchecked Sendable {
    private let sink: TextSink
    private let enabled: Bool
    private let lock = NSLock()
    private var lastTenth: [String: Int] = [:]
    private let start = Date()

    init(sink: TextSink, enabled: Bool) {
        self.sink = sink
        self.enabled = enabled
    }

    /// Writes one progress line.
    func note(_ message: String) {
        guard enabled else { return }
        let elapsed = String(format: "%.1f", Date().timeIntervalSince(start))
        sink.write("[\(elapsed) s] \(message)\n")
    }

    func update(label: String, done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let tenth = done * 10 / total
        lock.lock()
        defer { lock.unlock() }
        guard lastTenth[label].map({ tenth > $0 }) ?? true else { return }
        lastTenth[label] = tenth
        let elapsed = String(format: "%.1f", Date().timeIntervalSince(start))
        sink.write("[\(elapsed) s] \(label): layer \(done) of \(total)\n")
    }
}
