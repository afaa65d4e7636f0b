/// Population margins for weighting, read from the text of a margins file: one row per cell of
/// each weighting variable, as published population figures are usually tabulated.
///
/// ```text
/// variable,level,population
/// age_band,18-34,14820000
/// age_band,35-54,17130000
/// sex,female,27800000
/// ```
///
/// The value column is either `population` (counts) or `proportion` (shares that sum to 1 for
/// each variable, scaled to the sample's weighted total when used). Fields may be quoted as in
/// RFC 4180, so a level can contain a comma. A `#` at the start of a line makes it a comment,
/// which is how a file says where its figures come from.
///
/// Parsing is pure: the caller reads the file and passes its text, and errors carry the line
/// and column to report against the file.
public struct MarginsTable: Sendable, Hashable {
  /// Whether the values are population counts or shares.
  public enum Kind: String, Sendable, Hashable {
    /// Population counts (column `population`).
    case counts = "population"
    /// Shares of the population that sum to 1 for each variable (column `proportion`).
    case proportions = "proportion"
  }

  /// Whether the values are counts or shares.
  public var kind: Kind
  /// The variables, in the order the file first names them.
  public var variables: [String]
  /// Each variable's cells and values, in file order.
  public var cells: [String: [(level: String, value: Double)]]

  /// Two tables are equal when they hold the same values in the same order.
  public static func == (lhs: MarginsTable, rhs: MarginsTable) -> Bool {
    lhs.kind == rhs.kind && lhs.variables == rhs.variables
      && lhs.variables.allSatisfy { variable in
        let a = lhs.cells[variable] ?? []
        let b = rhs.cells[variable] ?? []
        return a.count == b.count && zip(a, b).allSatisfy { $0.level == $1.level && $0.value == $1.value }
      }
  }

  /// Hashes the kind and the variables.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(variables)
  }

  /// Parses the text of a margins file.
  ///
  /// - Parameter text: The file's contents (a UTF-8 byte-order mark and CRLF line ends are
  ///   accepted).
  /// - Returns: The margins, by variable.
  /// - Throws: ``MarginsFileError`` with the line and column of the first problem: a missing
  ///   or unknown column, a ragged row, an empty variable or level, a value that is not a
  ///   non-negative number, a cell listed twice, shares that do not sum to 1, or no rows.
  /// - Complexity: O(*n*) in the length of the text.
  public static func parse(_ text: String) throws(MarginsFileError) -> MarginsTable {
    var lines = MarginsLines(text)
    guard let header = try lines.next() else {
      throw MarginsFileError(line: 1, column: 1, message: "the margins file is empty")
    }
    func column(_ names: [String]) -> Int? {
      header.fields.firstIndex { names.contains($0.text.trimmed.lowercased()) }
    }
    guard let variableColumn = column(["variable"]) else {
      throw MarginsFileError(line: header.line, column: 1, message: "the header has no 'variable' column")
    }
    guard let levelColumn = column(["level"]) else {
      throw MarginsFileError(line: header.line, column: 1, message: "the header has no 'level' column")
    }
    let countColumn = column(["population", "count"])
    let shareColumn = column(["proportion"])
    let kind: Kind
    let valueColumn: Int
    switch (countColumn, shareColumn) {
    case (let c?, nil):
      kind = .counts
      valueColumn = c
    case (nil, let s?):
      kind = .proportions
      valueColumn = s
    case (_?, let s?):
      throw MarginsFileError(
        line: header.line, column: header.fields[s].column,
        message: "the header has both a 'population' and a 'proportion' column; keep one")
    case (nil, nil):
      throw MarginsFileError(
        line: header.line, column: 1, message: "the header has no 'population' or 'proportion' column")
    }
    for field in header.fields {
      let name = field.text.trimmed.lowercased()
      if !["variable", "level", "population", "count", "proportion", "source", "note"].contains(name) {
        throw MarginsFileError(
          line: header.line, column: field.column,
          message: "unknown column '\(field.text)' (expected variable, level, population or proportion, and "
            + "optionally source or note)")
      }
    }

    var table = MarginsTable(kind: kind, variables: [], cells: [:])
    var firstLine: [String: Int] = [:]
    while let row = try lines.next() {
      guard row.fields.count == header.fields.count else {
        throw MarginsFileError(
          line: row.line, column: row.fields.last.map { $0.column } ?? 1,
          message: "this row has \(row.fields.count) fields but the header has \(header.fields.count)")
      }
      let variable = row.fields[variableColumn].text.trimmed
      let level = row.fields[levelColumn].text.trimmed
      let valueField = row.fields[valueColumn]
      guard !variable.isEmpty else {
        throw MarginsFileError(
          line: row.line, column: row.fields[variableColumn].column, message: "the variable is empty")
      }
      guard !level.isEmpty else {
        throw MarginsFileError(line: row.line, column: row.fields[levelColumn].column, message: "the level is empty")
      }
      guard let value = Double(valueField.text.trimmed.replacingThousandsSeparators), value.isFinite, value >= 0
      else {
        throw MarginsFileError(
          line: row.line, column: valueField.column,
          message: "'\(valueField.text)' is not a non-negative number")
      }
      if table.cells[variable] == nil {
        table.variables.append(variable)
        table.cells[variable] = []
        firstLine[variable] = row.line
      }
      if table.cells[variable, default: []].contains(where: { $0.level == level }) {
        throw MarginsFileError(
          line: row.line, column: row.fields[levelColumn].column,
          message: "\(variable) = \(level) is listed twice")
      }
      table.cells[variable, default: []].append((level, value))
    }
    guard !table.variables.isEmpty else {
      throw MarginsFileError(line: header.line + 1, column: 1, message: "the margins file has no rows")
    }
    if kind == .proportions {
      for variable in table.variables {
        let sum = table.cells[variable, default: []].reduce(0) { $0 + $1.value }
        if abs(sum - 1) > 1e-6 {
          throw MarginsFileError(
            line: firstLine[variable] ?? 1, column: 1,
            message: "the proportions of \(variable) sum to \(sum), not 1")
        }
      }
    }
    return table
  }

  /// The margin of one variable for a sample's cells: population counts as given, or shares
  /// scaled to `total` (the sample's weighted total, so that calibration keeps it).
  ///
  /// - Parameters:
  ///   - variable: The variable's name in the file.
  ///   - cells: Each respondent's level of the variable.
  ///   - total: The total the shares are scaled to; ignored for counts.
  /// - Returns: The margin, ready for ``postStratify(_:to:partial:)`` or raking.
  /// - Throws: ``EstimationError/invalidArgument(_:)`` when the file has no such variable.
  public func margin(
    for variable: String, cells: Grouping, total: Double
  ) throws(EstimationError)
    -> PopulationMargin
  {
    guard let values = self.cells[variable] else {
      throw .invalidArgument("the margins file has no variable '\(variable)'")
    }
    let scale = kind == .proportions ? total : 1
    var counts: [String: Double] = [:]
    for (level, value) in values { counts[level] = value * scale }
    return PopulationMargin(cells, counts: counts)
  }
}

/// A problem in a margins file, at a line and column.
public struct MarginsFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The 1-based line.
  public var line: Int
  /// The 1-based column (in characters).
  public var column: Int
  /// What is wrong, in words.
  public var message: String

  /// A problem at a line and column.
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// `line:column: message`.
  public var description: String { "\(line):\(column): \(message)" }
}

/// The records of a margins file: RFC 4180 fields, comment and blank lines skipped.
private struct MarginsLines {
  struct Field {
    var text: String
    var column: Int
  }

  struct Record {
    var line: Int
    var fields: [Field]
  }

  private var characters: [Character]
  private var index = 0
  private var line = 1

  init(_ text: String) {
    var characters = Array(text)
    if characters.first == "\u{FEFF}" { characters.removeFirst() }
    self.characters = characters
  }

  /// The next record, or `nil` at the end.
  mutating func next() throws(MarginsFileError) -> Record? {
    while index < characters.count {
      let start = line
      if characters[index] == "#" || characters[index].isNewline {
        while index < characters.count && !characters[index].isNewline { index += 1 }
        if index < characters.count {
          index += 1
          line += 1
        }
        continue
      }
      var fields: [Field] = []
      var column = 1
      while true {
        var text = ""
        let fieldColumn = column
        if index < characters.count && characters[index] == "\"" {
          index += 1
          column += 1
          var closed = false
          while index < characters.count {
            let c = characters[index]
            index += 1
            column += 1
            if c == "\"" {
              if index < characters.count && characters[index] == "\"" {
                text.append("\"")
                index += 1
                column += 1
              } else {
                closed = true
                break
              }
            } else {
              if c.isNewline {
                line += 1
                column = 1
              }
              text.append(c)
            }
          }
          guard closed else {
            throw MarginsFileError(line: start, column: fieldColumn, message: "a quoted field is not closed")
          }
        } else {
          while index < characters.count && characters[index] != "," && !characters[index].isNewline {
            text.append(characters[index])
            index += 1
            column += 1
          }
        }
        fields.append(Field(text: text, column: fieldColumn))
        if index < characters.count && characters[index] == "," {
          index += 1
          column += 1
          continue
        }
        if index < characters.count && characters[index].isNewline {
          index += 1
          line += 1
        }
        return Record(line: start, fields: fields)
      }
    }
    return nil
  }
}

extension String {
  fileprivate var trimmed: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }

  /// Drops `_` and `,` used to group digits (`14,820,000` in a quoted field).
  fileprivate var replacingThousandsSeparators: String {
    String(filter { $0 != "," && $0 != "_" })
  }
}
