import Foundation

/// The population count of each cell of one calibration variable — a margin of a population
/// table, as a margins file gives it — for ``postStratify(_:to:partial:)`` and
/// ``rake(_:margins:tolerance:maximumIterations:marginTolerance:requireConvergence:)``.
///
/// Cells are matched by level name, as R's `postStratify` merges the sample table with the
/// population table. The population may list cells that no respondent is in (a count of zero
/// is ignored; a positive count is an error unless post-stratification is `partial`).
///
/// ```swift
/// let stype = Grouping(schoolTypes)                                  // levels E, H, M
/// let margin = PopulationMargin(stype, counts: ["E": 4421, "H": 755, "M": 1018])
/// ```
///
/// Cells crossing several variables are a crossed grouping (``Grouping/crossed(with:)``),
/// whose levels are named `a.b`: `["E.No": 472, "E.Yes": 3949, …]`.
public struct PopulationMargin: Sendable, Hashable {
  /// Each respondent's cell; every respondent must be in one.
  public var cells: Grouping
  /// The population count of each cell, by level name.
  public var counts: [String: Double]

  /// A margin with population counts by level name.
  public init(_ cells: Grouping, counts: [String: Double]) {
    self.cells = cells
    self.counts = counts
  }

  /// A margin with one population count per level of `cells`, in level order.
  ///
  /// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)`` when there is not
  ///   one count per level; ``EstimationError/invalidArgument(_:)`` when two levels share a name.
  public init(_ cells: Grouping, counts: [Double]) throws(EstimationError) {
    guard counts.count == cells.count else {
      throw .lengthMismatch(argument: "population counts (one per level)", expected: cells.count, actual: counts.count)
    }
    var byName: [String: Double] = [:]
    for (level, count) in zip(cells.levels, counts) {
      guard byName.updateValue(count, forKey: level) == nil else {
        throw .invalidArgument("two cells are both named '\(level)'")
      }
    }
    self.init(cells, counts: byName)
  }

  /// The sum of the population counts.
  public var total: Double { counts.values.reduce(0, +) }
}

/// A margin's population counts aligned with its cells' codes and checked against the sample.
struct ResolvedMargin {
  /// Each respondent's cell, `0..<cellCount`.
  var codes: [Int32]
  /// The number of cells.
  var cellCount: Int
  /// Each cell's population count; zero for a cell left out (empty in both, or `partial`).
  var population: [Double]

  /// Matches a margin's population counts to the sample's cells, as R's `postStratify` merges
  /// the two tables, with its errors.
  ///
  /// - Parameters:
  ///   - margin: The cells and population counts.
  ///   - weights: The weights to be calibrated (a cell whose weights sum to zero is empty).
  ///   - partial: Whether population cells empty in the sample are left out (R's `partial=TRUE`)
  ///     instead of being an error.
  ///   - label: How error messages name the margin (`"post-stratification"`, `"margin 2"`).
  /// - Throws: ``EstimationError/invalidArgument(_:)`` naming the cells that do not match (see
  ///   ``postStratify(_:to:partial:)``).
  init(_ margin: PopulationMargin, weights: [Double], partial: Bool, label: String) throws(EstimationError) {
    let cells = margin.cells
    guard cells.codes.count == weights.count else {
      throw .lengthMismatch(argument: "\(label) cells", expected: weights.count, actual: cells.codes.count)
    }
    for (name, count) in margin.counts.sorted(by: { $0.key < $1.key }) where !(count.isFinite && count >= 0) {
      throw .invalidArgument("\(label): the population count of cell '\(name)' is negative or not a number")
    }
    var sampleTotals = [Double](repeating: 0, count: cells.count)
    for (code, w) in zip(cells.codes, weights) {
      guard code >= 0 else {
        throw .invalidArgument("\(label): a respondent is in no cell (a missing value in the cell variable)")
      }
      sampleTotals[Int(code)] += w
    }

    var population = [Double](repeating: 0, count: cells.count)
    var onlyInSample: [String] = []
    var onlyInPopulation: [String] = []
    for (cell, level) in cells.levels.enumerated() {
      let count = margin.counts[level] ?? 0
      let inSample = sampleTotals[cell] != 0
      if inSample, count == 0 { onlyInSample.append(level) }
      if !inSample, count != 0 { onlyInPopulation.append(level) }
      if inSample { population[cell] = count }
    }
    let levels = Set(cells.levels)
    for (level, count) in margin.counts where count != 0 && !levels.contains(level) {
      onlyInPopulation.append(level)
    }
    if !onlyInSample.isEmpty {
      throw .invalidArgument(
        "\(label): \(cellList(onlyInSample)) in the sample but not in the population counts (or counted zero)")
    }
    if !onlyInPopulation.isEmpty, !partial {
      throw .invalidArgument(
        "\(label): \(cellList(onlyInPopulation.sorted())) in the population but no respondent in the sample has a "
          + "positive weight there (post-stratify with partial: true to leave such cells out)")
    }
    codes = cells.codes
    cellCount = cells.count
    self.population = population
  }

  /// The weights scaled, cell by cell, so that each cell's weighted count is its population
  /// count: *w*ᵢ · *N*_c / Σ_{j∈c} *w*ⱼ.
  ///
  /// - Complexity: O(*n*).
  func calibrated(_ weights: [Double]) -> [Double] {
    var totals = [Double](repeating: 0, count: cellCount)
    for i in 0..<weights.count { totals[Int(codes[i])] += weights[i] }
    var factors = [Double](repeating: 1, count: cellCount)
    for cell in 0..<cellCount where totals[cell] != 0 && population[cell] != 0 {
      factors[cell] = population[cell] / totals[cell]
    }
    var result = weights
    for i in 0..<result.count { result[i] *= factors[Int(codes[i])] }
    return result
  }
}

/// Names cells in a message: `cell 'E' is` or `cells 'E', 'H' are`.
private func cellList(_ names: [String]) -> String {
  let quoted = names.map { "'\($0)'" }.joined(separator: ", ")
  return names.count == 1 ? "cell \(quoted) is" : "cells \(quoted) are"
}

/// A count for a message, to six significant digits (`6194`, `0.0161290`).
func describeCount(_ value: Double) -> String {
  String(format: "%.6g", value)
}
