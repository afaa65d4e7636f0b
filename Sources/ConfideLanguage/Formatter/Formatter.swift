/// Writes a line tree back as text in canonical form.
///
/// The canonical form indents two spaces a level, puts one space between tokens (none inside
/// parentheses and braces, before commas, around `..` or between a function and its `(`), keeps
/// every comment, and keeps at most one blank line where the author left blank lines. Only layout
/// changes, so the formatted file parses to the same survey, and formatting it again changes
/// nothing.
public enum Formatter {
  /// The canonical text of a line tree.
  public static func format(_ tree: SyntaxTree) -> String {
    var out: [String] = []
    write(tree.nodes, depth: 0, into: &out)
    if !tree.trailingComments.isEmpty {
      if tree.blankLineBeforeTrailingComments, !out.isEmpty { out.append("") }
      for c in tree.trailingComments { out.append(c) }
    }
    return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
  }

  private static func write(_ nodes: [SyntaxNode], depth: Int, into out: inout [String]) {
    let indent = String(repeating: "  ", count: depth)
    for (i, node) in nodes.enumerated() {
      if node.blankLineBefore, i > 0 || depth == 0, !out.isEmpty, out.last != "" {
        out.append("")
      }
      for c in node.leadingComments where !(c.isEmpty && out.last == "") {
        out.append(c.isEmpty ? "" : indent + c)
      }
      var line = indent + tokens(node.tokens)
      if let c = node.trailingComment { line += " #" + c }
      out.append(line)
      write(node.children, depth: depth + 1, into: &out)
    }
  }

  private static let keywordsBeforeParen: Set<String> = ["and", "or", "not", "in", "if"]

  /// Joins tokens with canonical spacing.
  static func tokens(_ tokens: [Token]) -> String {
    var s = ""
    for (i, t) in tokens.enumerated() {
      if i > 0, needsSpace(tokens, at: i) { s += " " }
      s += t.raw
    }
    return s
  }

  private static let operandEnds: Set<String> = [")", "}"]
  private static let wordOperators: Set<String> = ["and", "or", "not", "in", "if", "ratio"]

  /// Whether the `-` at `i` is a sign rather than a subtraction.
  private static func isUnaryMinus(_ tokens: [Token], at i: Int) -> Bool {
    guard tokens[i].isSymbol("-") else { return false }
    guard i > 0 else { return true }
    let p = tokens[i - 1]
    switch p.kind {
    case .symbol: return !operandEnds.contains(p.text)
    case .identifier: return wordOperators.contains(p.text)
    default: return false
    }
  }

  private static func needsSpace(_ tokens: [Token], at i: Int) -> Bool {
    let p = tokens[i - 1]
    let t = tokens[i]
    if p.isSymbol("(") || p.isSymbol("{") || p.isSymbol("..") { return false }
    if t.isSymbol(")") || t.isSymbol("}") || t.isSymbol(",") || t.isSymbol("..") { return false }
    if t.isSymbol("("), p.kind == .identifier, !keywordsBeforeParen.contains(p.text) {
      return false
    }
    if isUnaryMinus(tokens, at: i - 1) { return false }
    return true
  }
}
