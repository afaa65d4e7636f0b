/// Word wrapping and padding for the fixed-width text renderer. Widths count characters, which is right
/// for the Latin text, digits, dashes and minus signs reports contain.
enum TextWrapping {
  /// `text` broken into lines of at most `width` characters at spaces; a word longer than `width` is cut.
  /// An empty text is one empty line.
  static func wrap(_ text: String, width: Int) -> [String] {
    let width = max(width, 1)
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      var word = Substring(word)
      while word.count > width {
        if !line.isEmpty {
          lines.append(line)
          line = ""
        }
        lines.append(String(word.prefix(width)))
        word = word.dropFirst(width)
      }
      if word.isEmpty { continue }
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }

  /// `text` wrapped to `width` with `first` before the first line and spaces of the same width before the
  /// others (a hanging indent).
  static func hanging(_ text: String, first: String, width: Int) -> [String] {
    let indent = String(repeating: " ", count: first.count)
    return wrap(text, width: width - first.count).enumerated().map { index, line in
      (index == 0 ? first : indent) + line
    }
  }

  /// `text` padded with spaces on the left to `width` characters.
  static func right(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(width - text.count, 0)) + text
  }

  /// `text` padded with spaces on the right to `width` characters.
  static func left(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(width - text.count, 0))
  }

  /// `text` centred in `width` characters, any odd space going to the right.
  static func centre(_ text: String, _ width: Int) -> String {
    let spare = max(width - text.count, 0)
    return String(repeating: " ", count: spare / 2) + text + String(repeating: " ", count: spare - spare / 2)
  }
}
