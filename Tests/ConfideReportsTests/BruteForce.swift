import ConfideReports

/// The hidden cells whose value differs between two integer completions of the table, found by
/// enumeration, independently of any elimination.
///
/// A completion assigns every hidden cell a value so that every relation holds with the published
/// figures. The enumeration tries every offset in {−1, 0, +1} from the true bases for each hidden cell
/// (pruning partial assignments that can no longer balance a relation) and collects the cells that are
/// non-zero in some balancing offset. That proves the cell is not determined. Conversely, if a cell is not
/// determined by linear algebra, some elementary vector (a minimal-support kernel vector) of the hidden
/// relation matrix is non-zero there; for totally unimodular matrices, which all the generated shapes have,
/// elementary vectors are ±1 multiples of {−1, 0, +1} vectors, so the enumeration finds it. Non-negativity
/// is deliberately ignored: this checks exact linear determination, the property the library claims.
func undeterminedByEnumeration(_ table: DisclosureTable, suppressed: Set<Int>) -> Set<Int> {
  let hidden = suppressed.sorted()
  let position = Dictionary(uniqueKeysWithValues: hidden.enumerated().map { ($1, $0) })
  // each relation as (variable, sign) pairs over hidden cells only; published cells cancel out
  let equations: [[(variable: Int, sign: Int)]] = table.relations.map { relation in
    var terms = relation.parts.compactMap { part in position[part].map { (variable: $0, sign: 1) } }
    if let total = position[relation.total] { terms.append((variable: total, sign: -1)) }
    return terms
  }.filter { !$0.isEmpty }
  // for each equation, the last variable it uses: once that is assigned the equation must balance
  let lastVariable = equations.map { $0.map(\.variable).max() ?? 0 }
  var offsets = [Int](repeating: 0, count: hidden.count)
  var found = Set<Int>()

  func feasible(upTo assigned: Int) -> Bool {
    for (index, equation) in equations.enumerated() {
      var sum = 0
      var free = 0
      for term in equation {
        if term.variable <= assigned { sum += term.sign * offsets[term.variable] } else { free += 1 }
      }
      if abs(sum) > free { return false }
      if lastVariable[index] <= assigned && sum != 0 { return false }
    }
    return true
  }

  func search(_ variable: Int) {
    if found.count == hidden.count { return }
    if variable == hidden.count {
      for (index, offset) in offsets.enumerated() where offset != 0 { found.insert(hidden[index]) }
      return
    }
    for offset in [0, 1, -1] {
      offsets[variable] = offset
      if feasible(upTo: variable) { search(variable + 1) }
    }
    offsets[variable] = 0
  }

  search(0)
  return found
}
