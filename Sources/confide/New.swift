import ArgumentParser
import ConfideAuthoring
import Foundation

struct New: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a starter survey that passes 'confide check'.")

  @Argument(help: "The survey's name; the file is NAME.survey.")
  var name: String

  @Option(name: .shortAndLong, help: "The folder to write into (default: surveys/ if it exists, else the current folder).")
  var output: String?

  func run() throws {
    let folder = output ?? (FileManager.default.fileExists(atPath: "surveys") ? "surveys" : ".")
    let base = name.hasSuffix(".survey") ? String(name.dropLast(7)) : name
    guard !base.isEmpty, !base.contains("/") else { throw CLIError.usage("give a plain name such as 'clinic-trust'") }
    let path = (folder as NSString).appendingPathComponent(base + ".survey")
    if FileManager.default.fileExists(atPath: path) {
      throw CLIError.usage("'\(path)' already exists; choose another name")
    }
    try SurveyInput.write(Starter.survey(named: base), to: path)
    Terminal.standardError("wrote \(path); next: confide check \(path) && confide preview \(path)\n")
  }
}
