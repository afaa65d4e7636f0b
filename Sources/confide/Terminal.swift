import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Output streams and colour decisions; the library never prints, the CLI does.
enum Terminal {
  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Whether standard error is a terminal that can show colour (honours NO_COLOR and TERM=dumb).
  static var standardErrorSupportsColor: Bool {
    let env = ProcessInfo.processInfo.environment
    if env["NO_COLOR"] != nil || env["TERM"] == "dumb" { return false }
    return isatty(2) == 1
  }
}

/// When to colour diagnostics.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never

  var enabled: Bool {
    switch self {
    case .auto: Terminal.standardErrorSupportsColor
    case .always: true
    case .never: false
    }
  }
}
