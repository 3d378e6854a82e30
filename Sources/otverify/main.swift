import Foundation
import OTVerifyCLI

let status = OTVerifyCommand.run(Array(CommandLine.arguments.dropFirst()), output: .standardOutput, errors: .standardError)
exit(status)
