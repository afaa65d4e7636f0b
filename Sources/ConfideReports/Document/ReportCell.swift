/// One cell of a report table: a figure, some text, nothing, or a figure hidden by disclosure control.
///
/// ``suppressed`` carries no value at all. Once disclosure control has hidden a cell, the number is
/// gone from the document, so no renderer, present or future, can print it by mistake; renderers print
/// the table's ``ReportTable/disclosureMarker`` instead.
public enum ReportCell: Hashable, Sendable {
  /// A published figure, shown in the column group's sub-columns (estimate, interval, base, …).
  case figure(Figure)
  /// Text in place of a figure, such as "not asked"; it spans the column group.
  case text(String)
  /// Nothing to show (for example a grouping row, or a comparison with itself).
  case empty
  /// A figure hidden by disclosure control. It holds no numbers by design.
  case suppressed

  /// The figure, if the cell shows one.
  public var figure: Figure? {
    if case .figure(let figure) = self { return figure }
    return nil
  }

  /// Whether the cell is hidden by disclosure control.
  public var isSuppressed: Bool { self == .suppressed }
}
