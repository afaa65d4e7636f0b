import ConfideReports

/// The shapes of table the property tests draw. Every shape has a totally unimodular relation matrix
/// (one-way, two-way with margins, several breakdowns of one total, a breakdown nested in another), which
/// the brute-force check relies on: see `undeterminedByEnumeration`.
enum TableShape: CaseIterable, CustomStringConvertible {
  case oneWay, twoWay, breakdowns, nested

  var description: String {
    switch self {
    case .oneWay: "one-way"
    case .twoWay: "two-way"
    case .breakdowns: "breakdowns"
    case .nested: "nested"
    }
  }
}

/// A base that is below 10 about a third of the time (empty cells included), otherwise 10–120.
func randomBase(using generator: inout SplitMix64) -> Int {
  Int.random(in: 0..<3, using: &generator) == 0
    ? Int.random(in: 0...9, using: &generator) : Int.random(in: 10...120, using: &generator)
}

/// `total` split into `parts` non-negative integers, uniformly over the split points.
func randomSplit(_ total: Int, into parts: Int, using generator: inout SplitMix64) -> [Int] {
  let cuts = (0..<(parts - 1)).map { _ in Int.random(in: 0...total, using: &generator) }.sorted()
  return zip(cuts + [total], [0] + cuts).map { $0 - $1 }
}

/// A random table of the given shape; `maxCells` caps its size (for the brute-force check).
func randomTable(_ shape: TableShape, maxCells: Int, using generator: inout SplitMix64) throws -> DisclosureTable {
  switch shape {
  case .oneWay:
    let count = Int.random(in: 1...min(8, maxCells - 1), using: &generator)
    return try .oneWay((0..<count).map { _ in randomBase(using: &generator) })
  case .twoWay:
    var rows = 0
    var columns = 0
    repeat {
      rows = Int.random(in: 1...6, using: &generator)
      columns = Int.random(in: 1...6, using: &generator)
    } while (rows + 1) * (columns + 1) > maxCells
    return try .twoWay((0..<rows).map { _ in (0..<columns).map { _ in randomBase(using: &generator) } })
  case .breakdowns:
    var sizes: [Int] = []
    repeat {
      sizes = (0..<Int.random(in: 2...3, using: &generator)).map { _ in Int.random(in: 2...4, using: &generator) }
    } while sizes.reduce(1, +) > maxCells
    let first = (0..<sizes[0]).map { _ in randomBase(using: &generator) }
    let overall = first.reduce(0, +)
    let others = sizes.dropFirst().map { randomSplit(overall, into: $0, using: &generator) }
    return try .breakdowns([first] + others)
  case .nested:
    // cells: categories 0..<k, then the sub-categories of category 0, then the overall
    let count = Int.random(in: 2...min(5, maxCells - 4), using: &generator)
    let subCount = Int.random(in: 2...min(4, maxCells - count - 1), using: &generator)
    let sub = (0..<subCount).map { _ in randomBase(using: &generator) }
    let categories = [sub.reduce(0, +)] + (1..<count).map { _ in randomBase(using: &generator) }
    let bases = categories + sub + [categories.reduce(0, +)]
    return try DisclosureTable(
      bases: bases,
      relations: [
        AdditiveRelation(total: bases.count - 1, parts: Array(0..<count)),
        AdditiveRelation(total: 0, parts: Array(count..<(count + subCount))),
      ])
  }
}
