public import ConfideDiagnostics

/// A line of a `.survey` or `.analysis` file with the lines indented under it.
///
/// Both languages share this line tree: a keyword line (`question delayed_care yesno`) owns the
/// lines indented below it (its text, translations, routing). The tree keeps comments and blank
/// lines so that `confide fmt` can rewrite a file without losing anything.
public struct SyntaxNode: Hashable, Sendable {
  /// The tokens of the line.
  public var tokens: [Token]
  /// The lines indented under this one.
  public var children: [SyntaxNode]
  /// Whole-line comments written just above this line, each with its `#`; an empty string
  /// stands for a blank line among or after them.
  public var leadingComments: [String]
  /// A comment at the end of this line.
  public var trailingComment: String?
  /// Whether one or more blank lines came before this line (or its leading comments).
  public var blankLineBefore: Bool
  /// The 1-based line number.
  public var line: Int
  public var file: String

  /// The first token (the keyword), if any.
  public var head: Token? { tokens.first }

  /// The tokens after the keyword.
  public var arguments: ArraySlice<Token> { tokens.dropFirst() }

  /// The span of the whole line's tokens.
  public var range: SourceRange {
    guard !tokens.isEmpty else {
      let here = SourceLocation(file: file, line: line, column: 1)
      return SourceRange(start: here)
    }
    // Read the two ends in place rather than copy the first and last tokens.
    return SourceRange(start: tokens[0].range.start, end: tokens[tokens.count - 1].range.end)
  }
}

/// A parsed file's line tree: its top-level lines and comments left at the end.
public struct SyntaxTree: Hashable, Sendable {
  public var file: String
  public var nodes: [SyntaxNode]
  /// Comments after the last line (each with its `#`, "" for a blank line), and whether a
  /// blank line came before them.
  public var trailingComments: [String]
  public var blankLineBeforeTrailingComments: Bool
}

/// Keywords of the survey language that start a block (a sibling of the block above, not a line
/// inside it).
let surveyBlockKeywords: Set<String> = [
  "arm", "choices", "construct", "experiment", "item", "note", "present", "question", "scale",
  "section", "survey",
]

/// Builds the line tree from source text: tokens, indentation and comments.
public enum LineTreeParser {
  /// Parses `text` into a line tree, returning the tree and any lexical or layout diagnostics.
  ///
  /// - Parameters:
  ///   - text: The source text.
  ///   - file: The file name used in diagnostics.
  ///   - blockKeywords: The keywords that open a block. A line indented between two open levels
  ///     is lined up with the block above when it starts with one of them, and read as one more
  ///     line of the block it follows otherwise. The default is the survey language's.
  /// - Returns: The tree and any lexical or layout diagnostics.
  public static func parse(
    _ text: String, file: String, blockKeywords: Set<String>? = nil
  ) -> (SyntaxTree, [Diagnostic]) {
    let blockKeywords = blockKeywords ?? surveyBlockKeywords
    var lexer = Lexer(file: file)
    let lines = lexer.lex(text)
    var diagnostics = lexer.diagnostics

    // A stack of open nodes with their indentation; children are appended on close.
    struct Open {
      var indent: Int
      var node: SyntaxNode
    }
    var roots: [SyntaxNode] = []
    var stack: [Open] = []
    var pendingComments: [String] = []
    var pendingBlank = false
    var commentBlank = false

    func closeTo(_ indent: Int) {
      while let deepest = stack.last?.indent, deepest >= indent {
        let top = stack.removeLast()
        if stack.isEmpty {
          roots.append(top.node)
        } else {
          stack[stack.count - 1].node.children.append(top.node)
        }
      }
    }

    for line in lines {
      if line.tokens.isEmpty {
        if let comment = line.comment {
          if pendingComments.isEmpty { commentBlank = pendingBlank }
          pendingComments.append("#" + comment)
        } else if pendingComments.isEmpty {
          pendingBlank = true
        } else if pendingComments.last != "" {
          pendingComments.append("")
        }
        continue
      }
      let blank = pendingComments.isEmpty ? pendingBlank : commentBlank
      let comments = pendingComments
      let node = SyntaxNode(
        tokens: line.tokens, children: [], leadingComments: comments,
        trailingComment: line.comment, blankLineBefore: blank, line: line.number, file: file)
      pendingComments = []
      pendingBlank = false
      commentBlank = false

      if let top = stack.last?.indent, line.indent > top {
        // A deeper line: a child of the top, unless it is deeper than an earlier sibling level.
        stack.append(Open(indent: line.indent, node: node))
        continue
      }
      // Same or shallower: close deeper nodes. The indent must match an open level; if it
      // falls between two levels, snap it to one of them and say which.
      var indent = line.indent
      if let deepest = stack.last?.indent, indent < deepest, !stack.contains(where: { $0.indent == indent }) {
        let levels = stack.map(\.indent)
        let lower = levels.last { $0 < indent } ?? 0
        let upper = levels.first { $0 > indent } ?? deepest
        // A line that opens a block lines up with the block above; anything else is taken as
        // one more line of the block it follows.
        let opensBlock = node.head.map { blockKeywords.contains($0.text) } ?? false
        indent = opensBlock ? lower : upper
        let start = SourceLocation(file: file, line: line.number, column: 1)
        diagnostics.append(
          Catalogue.inconsistentIndentation(
            SourceRange(
              start: start,
              end: SourceLocation(file: file, line: line.number, column: line.indent + 1)),
            expected: indent))
      }
      closeTo(indent)
      stack.append(Open(indent: indent, node: node))
    }
    closeTo(0)
    while pendingComments.last == "" { pendingComments.removeLast() }
    let tree = SyntaxTree(
      file: file, nodes: roots, trailingComments: pendingComments,
      blankLineBeforeTrailingComments: commentBlank)
    return (tree, diagnostics)
  }
}
