import Dispatch
import Foundation

/// Applies `transform` to every element on up to `threads` threads and
/// returns the results in element order, so the output does not depend on
/// the thread count as long as each call depends only on its element.
/// Rethrows the error of the first failing element in element order.
public func orderedParallelMap<Element: Sendable, Result: Sendable>(
    _ elements: [Element], threads: Int, _ transform: @escaping @Sendable (Element) throws -> Result
) throws -> [Result] {
    let slots = OrderedSlots<Result>(count: elements.count)
    let queue = DispatchQueue(label: "otverify.parallel-map", attributes: .concurrent)
    let limit = DispatchSemaphore(value: Swift.max(1, threads))
    let group = DispatchGroup()
    for (index, element) in elements.enumerated() {
        limit.wait()
        queue.async(group: group) {
            defer { limit.signal() }
            slots.store(Swift.Result { try transform(element) }, at: index)
        }
    }
    group.wait()
    return try slots.values()
}

private final class OrderedSlots<Value>: @unchecked Sendable {
    private var slots: [Swift.Result<Value, Error>?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ result: Swift.Result<Value, Error>, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() throws -> [Value] {
        try slots.map { try $0!.get() }
    }
}
