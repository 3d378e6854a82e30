/// Invalid user input: a file, a number or an option. The message names the
/// value and what is expected; the command-line tool prints it on one line
/// and exits with status 2.
public struct InputError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
