/// Invalid user input: a file, a number or an option. The message names the
/// value and what is expected; the command-line tool prints it on one line
/// and exits with status 2.
public struct InputError: Error, Equatable, CustomStringConvertible {
    public let message: String

    /// Creates the error. Control characters, line separators and other
    /// invisible characters in `message` (which quotes user input) are
    /// written as `\u{…}` escapes, so the message stays one readable line.
    public init(_ message: String) {
        var escaped = ""
        for scalar in message.unicodeScalars {
            let invisible = scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
                || (scalar.properties.isWhitespace && scalar != " ")
            if invisible {
                escaped += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        self.message = escaped
    }

    public var description: String { message }
}
