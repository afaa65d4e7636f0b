/// Why a table cannot be checked or protected for disclosure.
///
/// Messages name cells and relations by index, never a base: a base below the threshold is exactly what
/// must not be printed.
public enum DisclosureError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A cell has a negative unweighted base.
  case negativeBase(cell: Int)
  /// A relation names a cell the table does not have (`relation` is `nil` for a cell given elsewhere,
  /// such as a suppression pattern).
  case cellOutOfRange(cell: Int, relation: Int?)
  /// A relation has no parts.
  case emptyRelation(relation: Int)
  /// A relation names a cell twice, or names its total among its parts.
  case repeatedCell(cell: Int, relation: Int)
  /// A relation's parts do not add up to its total in the bases given.
  case inconsistentRelation(relation: Int)
  /// The rows of a two-way table have different lengths.
  case raggedTable(row: Int)
  /// Breakdowns meant to share one overall total add up to different totals.
  case breakdownsDisagree(breakdown: Int)
  /// A cell below the threshold is fixed by the relations alone (for example a category that two
  /// breakdowns of the same total force to be empty), so no suppression can hide it.
  case unprotectable(cell: Int)
  /// Exact elimination needed a number too large for `Int`; the relations are too intricate to check.
  case arithmeticOverflow
  /// Secondary suppression finished with a cell still recoverable: a defect in Confide, never the data.
  case protectionFailed(cell: Int)

  public var description: String {
    switch self {
    case .negativeBase(let cell): "cell \(cell) has a negative base"
    case .cellOutOfRange(let cell, let relation?):
      "relation \(relation) names cell \(cell), which the table does not have"
    case .cellOutOfRange(let cell, nil): "cell \(cell) is not in the table"
    case .emptyRelation(let relation): "relation \(relation) has no parts"
    case .repeatedCell(let cell, let relation): "relation \(relation) names cell \(cell) more than once"
    case .inconsistentRelation(let relation): "the parts of relation \(relation) do not add up to its total"
    case .raggedTable(let row): "row \(row) of the table has a different number of cells from row 0"
    case .breakdownsDisagree(let breakdown): "breakdown \(breakdown) does not add up to the same total as breakdown 0"
    case .unprotectable(let cell):
      "cell \(cell) is below the threshold but fixed by the table's relations alone, so it cannot be hidden"
    case .arithmeticOverflow: "the table's relations are too intricate to check exactly"
    case .protectionFailed(let cell): "secondary suppression left cell \(cell) recoverable (a defect in Confide)"
    }
  }
}
