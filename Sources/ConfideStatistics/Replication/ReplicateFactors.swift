/// The primary sampling units of a compact replicate design, with the respondents in each,
/// so that replicate totals can be formed from unit totals instead of from a full
/// respondents × replicates matrix (R's `repweights_compressed`).
struct ReplicateUnits: Sendable {
  /// Each respondent's unit, `0..<unitCount`.
  let unitOfRow: [Int32]
  /// The number of units.
  let unitCount: Int
  /// The respondents sorted by unit: unit *u* holds `rows[offsets[u]..<offsets[u + 1]]`.
  let rows: [Int32]
  /// Where each unit's respondents start in ``rows``.
  let offsets: [Int]

  /// Indexes respondents by unit (a counting sort).
  ///
  /// - Complexity: O(*n* + *U*).
  init(unitOfRow: [Int32], unitCount: Int) {
    self.unitOfRow = unitOfRow
    self.unitCount = unitCount
    var offsets = [Int](repeating: 0, count: unitCount + 1)
    for unit in unitOfRow { offsets[Int(unit) + 1] += 1 }
    for u in 0..<unitCount { offsets[u + 1] += offsets[u] }
    var next = offsets
    var rows = [Int32](repeating: 0, count: unitOfRow.count)
    for (i, unit) in unitOfRow.enumerated() {
      rows[next[Int(unit)]] = Int32(i)
      next[Int(unit)] += 1
    }
    self.rows = rows
    self.offsets = offsets
  }
}

/// One delete-a-unit jackknife replicate, described by its structure rather than by a column
/// of factors: the dropped unit's factor is 0, the other units of its stratum get
/// ``inStratum`` and every other unit ``elsewhere``.
///
/// R's JK1 (`inStratum` = *n*/(*n* − 1), one stratum), JKn (`elsewhere` = 1) and the JKn
/// replicate of a lonely PSU under `survey.lonely.psu = "adjust"` (`elsewhere` = *H*/(*H* − 1))
/// all have this form.
struct JackknifeReplicate: Sendable, Hashable {
  /// The unit left out.
  var droppedUnit: Int32
  /// Its stratum.
  var stratum: Int32
  /// The factor of the stratum's other units.
  var inStratum: Double
  /// The factor of the units of every other stratum.
  var elsewhere: Double
}

/// How a replicate design stores its replicate weights, as compactly as its construction
/// allows. A replicate weight is always the full-sample weight times a factor, except for
/// combined weights given per respondent.
enum ReplicateFactors: Sendable {
  /// Jackknife replicates: O(*R*) memory, replicate totals in O(*n* + *R*·*k*).
  case jackknife(ReplicateUnits, stratumOfUnit: [Int32], stratumCount: Int, replicates: [JackknifeReplicate])
  /// Bootstrap draws: how often each unit was drawn in each replicate (replicate-major,
  /// `counts[r * U + u]`), times a per-unit multiplier.
  case unitCounts(ReplicateUnits, counts: [UInt16], multiplier: [Double])
  /// Given factors per unit and replicate (replicate-major, `factors[r * U + u]`).
  case unitFactors(ReplicateUnits, factors: [Double])
  /// Given weights per respondent: one contiguous array per replicate, either combined
  /// (the replicate's analysis weights) or factors to multiply by the full-sample weights.
  case respondents([[Double]], combined: Bool)

  /// The number of replicates.
  var replicateCount: Int {
    switch self {
    case .jackknife(_, _, _, let replicates): replicates.count
    case .unitCounts(let units, let counts, _): units.unitCount == 0 ? 0 : counts.count / units.unitCount
    case .unitFactors(let units, let factors): units.unitCount == 0 ? 0 : factors.count / units.unitCount
    case .respondents(let columns, _): columns.count
    }
  }

  /// The units of a compact design, or `nil` for weights given per respondent.
  var units: ReplicateUnits? {
    switch self {
    case .jackknife(let units, _, _, _), .unitCounts(let units, _, _), .unitFactors(let units, _): units
    case .respondents: nil
    }
  }

  /// The factor of unit `u` in replicate `r` (compact storage only).
  func factor(replicate r: Int, unit u: Int) -> Double {
    switch self {
    case .jackknife(_, let stratumOfUnit, _, let replicates):
      let replicate = replicates[r]
      if Int(replicate.droppedUnit) == u { return 0 }
      return stratumOfUnit[u] == replicate.stratum ? replicate.inStratum : replicate.elsewhere
    case .unitCounts(let units, let counts, let multiplier):
      return Double(counts[r * units.unitCount + u]) * multiplier[u]
    case .unitFactors(let units, let factors):
      return factors[r * units.unitCount + u]
    case .respondents:
      return .nan
    }
  }
}

/// Weighted totals of two columns in each cell of a partition of the respondents, for the
/// full sample and for every replicate: the building block of every replicate estimator.
struct ReplicateCellTotals {
  /// The number of cells.
  let cellCount: Int
  /// The number of replicates.
  let replicateCount: Int
  /// Σ wᵢaᵢ and Σ wᵢbᵢ per cell, at `c * 2` and `c * 2 + 1`.
  var full: [Double]
  /// The same per replicate, at `(r * cellCount + c) * 2 + k`.
  var replicates: [Double]

  /// The full-sample total of column `k` (0 for *a*, 1 for *b*) in cell `c`.
  func full(_ c: Int, _ k: Int) -> Double { full[c * 2 + k] }

  /// Replicate `r`'s total of column `k` in cell `c`.
  func replicate(_ r: Int, _ c: Int, _ k: Int) -> Double { replicates[(r * cellCount + c) * 2 + k] }
}

extension ReplicateFactors {
  /// The totals Σ wᵢaᵢ and Σ wᵢbᵢ over the respondents of each cell, with the full-sample
  /// weights and with each replicate's weights.
  ///
  /// - Parameters:
  ///   - weights: The full-sample weights.
  ///   - cells: Each respondent's cell, or −1 to leave the respondent out.
  ///   - cellCount: The number of cells.
  ///   - a: The first column (finite for every included respondent).
  ///   - b: The second column, or `nil` for a column of ones.
  /// - Returns: The full-sample and replicate totals.
  /// - Complexity: O(*n* + *R*·*k*) for a jackknife; O(*n* + *R*·*U*·*k*) or O(*n*·*R*) (the
  ///   smaller) for unit factors; O(*n*·*R*) for weights per respondent. *k* cells, *U* units.
  func cellTotals(
    weights: [Double], cells: [Int32], cellCount: Int, a: [Double], b: [Double]?
  )
    -> ReplicateCellTotals
  {
    let n = weights.count
    let width = cellCount * 2
    let replicateCount = self.replicateCount
    var full = [Double](repeating: 0, count: width)
    for i in 0..<n where cells[i] >= 0 {
      let c = Int(cells[i]) * 2
      full[c] += weights[i] * a[i]
      full[c + 1] += weights[i] * (b?[i] ?? 1)
    }
    var replicates = [Double](repeating: 0, count: replicateCount * width)

    switch self {
    case .jackknife(let units, let stratumOfUnit, let stratumCount, let list):
      // Stratum totals, then each replicate from them and the dropped unit's own total.
      var strata = [Double](repeating: 0, count: stratumCount * width)
      for i in 0..<n where cells[i] >= 0 {
        let h = Int(stratumOfUnit[Int(units.unitOfRow[i])])
        let c = h * width + Int(cells[i]) * 2
        strata[c] += weights[i] * a[i]
        strata[c + 1] += weights[i] * (b?[i] ?? 1)
      }
      var dropped = [Double](repeating: 0, count: width)
      for (r, replicate) in list.enumerated() {
        let u = Int(replicate.droppedUnit)
        for index in units.offsets[u]..<units.offsets[u + 1] {
          let i = Int(units.rows[index])
          guard cells[i] >= 0 else { continue }
          let c = Int(cells[i]) * 2
          dropped[c] += weights[i] * a[i]
          dropped[c + 1] += weights[i] * (b?[i] ?? 1)
        }
        let h = Int(replicate.stratum) * width
        for c in 0..<width {
          let stratum = strata[h + c]
          replicates[r * width + c] =
            replicate.elsewhere * (full[c] - stratum) + replicate.inStratum * (stratum - dropped[c])
          dropped[c] = 0
        }
      }

    case .unitCounts(let units, _, _), .unitFactors(let units, _):
      let unitCount = units.unitCount
      if unitCount * cellCount <= n {
        // Unit totals once, then a small matrix product per replicate.
        var unitTotals = [Double](repeating: 0, count: unitCount * width)
        for i in 0..<n where cells[i] >= 0 {
          let c = Int(units.unitOfRow[i]) * width + Int(cells[i]) * 2
          unitTotals[c] += weights[i] * a[i]
          unitTotals[c + 1] += weights[i] * (b?[i] ?? 1)
        }
        for r in 0..<replicateCount {
          for u in 0..<unitCount {
            let f = factor(replicate: r, unit: u)
            if f == 0 { continue }
            for c in 0..<width { replicates[r * width + c] += f * unitTotals[u * width + c] }
          }
        }
      } else {
        for r in 0..<replicateCount {
          for i in 0..<n where cells[i] >= 0 {
            let w = weights[i] * factor(replicate: r, unit: Int(units.unitOfRow[i]))
            let c = r * width + Int(cells[i]) * 2
            replicates[c] += w * a[i]
            replicates[c + 1] += w * (b?[i] ?? 1)
          }
        }
      }

    case .respondents(let columns, let combined):
      for (r, column) in columns.enumerated() {
        column.withUnsafeBufferPointer { replicate in
          for i in 0..<n where cells[i] >= 0 {
            let w = combined ? replicate[i] : replicate[i] * weights[i]
            let c = r * width + Int(cells[i]) * 2
            replicates[c] += w * a[i]
            replicates[c + 1] += w * (b?[i] ?? 1)
          }
        }
      }
    }
    return ReplicateCellTotals(
      cellCount: cellCount, replicateCount: replicateCount, full: full, replicates: replicates)
  }
}
