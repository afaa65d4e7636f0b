import ArgumentParser

@main
struct Confide: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "confide",
    abstract: "Design, check and analyse surveys of patient trust.",
    subcommands: [Check.self])
}
