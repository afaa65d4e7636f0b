/// Whether a cell of a protected table is published, and if not, why not.
public enum CellDisclosure: Hashable, Sendable {
  /// The cell's figure is shown.
  case published
  /// The cell is hidden because its own base is below the threshold.
  case primary
  /// The cell is hidden so that a primary cell cannot be worked out from it (a complement).
  case secondary

  /// Whether the cell is hidden, for either reason.
  public var isSuppressed: Bool { self != .published }
}
