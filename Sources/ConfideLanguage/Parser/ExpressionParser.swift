import ConfideDiagnostics
import ConfideModel

/// Parses a condition from a line's tokens by precedence climbing:
///
/// ```
/// or      := and ("or" and)*
/// and     := not ("and" not)*
/// not     := "not" not | compare
/// compare := sum (("=" | "!=" | "<" | "<=" | ">" | ">=") sum | "not"? "in" "{" sum ("," sum)* "}")?
/// sum     := product (("+" | "-") product)*
/// product := unary (("*" | "/") unary)*
/// unary   := "-" unary | primary
/// primary := number | string | name | "value" | name "(" args ")" | "(" or ")"
/// ```
///
/// Errors are reported once and produce ``Expression/invalid(_:)`` nodes, never a throw.
struct ExpressionParser {
  /// The tokens, sharing the line's storage; indices are the line's, not from 0.
  private let tokens: ArraySlice<Token>
  private var index: Int
  private let endLocation: SourceLocation
  private(set) var diagnostics: [Diagnostic] = []

  init(_ tokens: ArraySlice<Token>, end: SourceLocation) {
    self.tokens = tokens
    self.index = tokens.startIndex
    self.endLocation = end
  }

  /// Parses the whole token list as one expression; reports trailing tokens.
  mutating func parseAll() -> Expression {
    if tokens.isEmpty {
      diagnostics.append(Catalogue.expectedExpression(SourceRange(start: endLocation)))
      return .invalid(SourceSpan(SourceRange(start: endLocation)))
    }
    let e = parseOr()
    if index < tokens.endIndex, diagnostics.isEmpty {
      diagnostics.append(Catalogue.unexpectedToken(tokens[index], expected: "an operator"))
    }
    return e
  }

  /// Parses an expression and stops before the first token it cannot use.
  mutating func parsePrefix() -> (Expression, rest: ArraySlice<Token>) {
    let e = tokens.isEmpty ? Expression.invalid(SourceSpan(SourceRange(start: endLocation))) : parseOr()
    if tokens.isEmpty {
      diagnostics.append(Catalogue.expectedExpression(SourceRange(start: endLocation)))
    }
    return (e, tokens[index...])
  }

  private var current: Token? { index < tokens.endIndex ? tokens[index] : nil }

  /// Whether the current token is the identifier `word` (tested in place, without copying it).
  private func atWord(_ word: String) -> Bool {
    index < tokens.endIndex && tokens[index].isWord(word)
  }

  /// Whether the current token is the symbol `symbol` (tested in place, without copying it).
  private func atSymbol(_ symbol: String) -> Bool {
    index < tokens.endIndex && tokens[index].isSymbol(symbol)
  }

  private func span(_ from: SourceRange, _ to: SourceRange) -> SourceSpan {
    SourceSpan(SourceRange(start: from.start, end: to.end))
  }

  private mutating func parseOr() -> Expression {
    var lhs = parseAnd()
    while atWord("or") {
      index += 1
      let rhs = parseAnd()
      lhs = .binary(.or, lhs, rhs, join(lhs, rhs))
    }
    return lhs
  }

  private mutating func parseAnd() -> Expression {
    var lhs = parseNot()
    while atWord("and") {
      index += 1
      let rhs = parseNot()
      lhs = .binary(.and, lhs, rhs, join(lhs, rhs))
    }
    return lhs
  }

  private mutating func parseNot() -> Expression {
    if atWord("not") {
      let t = tokens[index]
      index += 1
      let operand = parseNot()
      return .not(operand, span(t.range, operand.span.range ?? t.range))
    }
    return parseCompare()
  }

  private func join(_ a: Expression, _ b: Expression) -> SourceSpan {
    guard let ra = a.span.range else { return b.span }
    guard let rb = b.span.range else { return a.span }
    return span(ra, rb)
  }

  private mutating func parseCompare() -> Expression {
    let lhs = parseSum()
    guard index < tokens.endIndex else { return lhs }
    if tokens[index].kind == .symbol, let op = Expression.BinaryOperator(rawValue: tokens[index].text),
      op.isComparison
    {
      index += 1
      let rhs = parseSum()
      return .binary(op, lhs, rhs, join(lhs, rhs))
    }
    var negated = false
    if atWord("not"), index + 1 < tokens.endIndex, tokens[index + 1].isWord("in") {
      negated = true
      index += 1
    }
    if atWord("in") {
      index += 1
      guard let open = current, open.isSymbol("{") else {
        report(expected: "'{' to start a set of choices")
        return .membership(lhs, [], negated: negated, lhs.span)
      }
      index += 1
      var members: [Expression] = []
      var last = open.range
      while let c = current, !c.isSymbol("}") {
        let m = parseSum()
        members.append(m)
        if case .invalid = m { break }
        last = m.span.range ?? last
        if let comma = current, comma.isSymbol(",") {
          index += 1
          continue
        }
        break
      }
      if let close = current, close.isSymbol("}") {
        index += 1
        last = close.range
      } else {
        report(expected: "'}' to close the set")
      }
      return .membership(lhs, members, negated: negated, span(lhs.span.range ?? open.range, last))
    }
    return lhs
  }

  private mutating func parseSum() -> Expression {
    var lhs = parseProduct()
    while index < tokens.endIndex {
      if atSymbol("+") || atSymbol("-") {
        let t = tokens[index]
        index += 1
        let rhs = parseProduct()
        lhs = .binary(t.text == "+" ? .add : .subtract, lhs, rhs, join(lhs, rhs))
      } else if tokens[index].kind == .number, tokens[index].text.hasPrefix("-") {
        // `age -8` lexes as `age` and `-8`: read it as a subtraction.
        let t = tokens[index]
        index += 1
        let number = Expression.number(
          Double(t.text.dropFirst()) ?? 0, SourceSpan(t.range))
        lhs = .binary(.subtract, lhs, number, join(lhs, number))
      } else {
        break
      }
    }
    return lhs
  }

  private mutating func parseProduct() -> Expression {
    var lhs = parseUnary()
    while atSymbol("*") || atSymbol("/") {
      let t = tokens[index]
      index += 1
      let rhs = parseUnary()
      lhs = .binary(t.text == "*" ? .multiply : .divide, lhs, rhs, join(lhs, rhs))
    }
    return lhs
  }

  private mutating func parseUnary() -> Expression {
    if atSymbol("-") {
      let t = tokens[index]
      index += 1
      let operand = parseUnary()
      return .negate(operand, span(t.range, operand.span.range ?? t.range))
    }
    return parsePrimary()
  }

  private static let reserved: Set<String> = ["and", "or", "not", "in"]

  private mutating func parsePrimary() -> Expression {
    guard let t = current else {
      report(expected: "a value")
      return .invalid(SourceSpan(SourceRange(start: endLocation)))
    }
    switch t.kind {
    case .number:
      index += 1
      return .number(Double(t.text) ?? 0, SourceSpan(t.range))
    case .string:
      index += 1
      return .string(t.text, SourceSpan(t.range))
    case .identifier where !Self.reserved.contains(t.text):
      index += 1
      if t.text == "value" { return .value(SourceSpan(t.range)) }
      if let open = current, open.isSymbol("(") {
        index += 1
        var args: [Expression] = []
        var last = open.range
        while let c = current, !c.isSymbol(")") {
          let a = parseOr()
          args.append(a)
          if case .invalid = a { break }
          last = a.span.range ?? last
          if let comma = current, comma.isSymbol(",") {
            index += 1
            continue
          }
          break
        }
        if let close = current, close.isSymbol(")") {
          index += 1
          last = close.range
        } else {
          report(expected: "')' to close the call")
        }
        return .call(t.text, args, span(t.range, last))
      }
      return .name(t.text, SourceSpan(t.range))
    case .symbol where t.text == "(":
      index += 1
      let inner = parseOr()
      if let close = current, close.isSymbol(")") {
        index += 1
      } else {
        report(expected: "')'")
      }
      return inner
    default:
      report(expected: "a value")
      index += 1
      return .invalid(SourceSpan(t.range))
    }
  }

  private mutating func report(expected: String) {
    guard diagnostics.isEmpty else { return }
    if let t = current {
      diagnostics.append(Catalogue.unexpectedToken(t, expected: expected))
    } else {
      diagnostics.append(
        Catalogue.expectedAtEnd(expected, SourceRange(start: endLocation)))
    }
  }
}
