import ConfideReports
import Testing

/// Laws of protection checked over seeded random tables of every shape.
@Suite("Protection: properties over random tables")
struct ProtectionPropertyTests {
  static let seeds: [UInt64] = Array(1...60)

  /// (a) small cells hidden, (b) nothing recoverable, (d) deterministic, plus minimality and printing.
  @Test("protection hides every small cell and leaves nothing recoverable", arguments: seeds)
  func laws(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    for shape in TableShape.allCases {
      for _ in 0..<4 {
        let table = try randomTable(shape, maxCells: 49, using: &generator)
        let rule = DisclosureRule(threshold: [10, 10, 5, 20][Int.random(in: 0..<4, using: &generator)])
        let protected = try table.protected(by: rule)
        let hidden = Set(protected.suppressedCells)
        for cell in table.bases.indices {
          // (a) every cell below the threshold is hidden, and is marked primary; nothing small is printed
          let small = table.bases[cell] < rule.threshold
          #expect(!small || protected.disclosure(of: cell) == .primary, "\(shape) seed \(seed) cell \(cell)")
          #expect(small || protected.disclosure(of: cell) != .primary)
          if let base = protected.publishedBase(of: cell) { #expect(base >= rule.threshold) }
        }
        // (b) nothing hidden can be worked out, by an independent check of the result
        #expect(try RecoverabilityCheck(table: table, suppressed: hidden).recoverableCells() == [])
        #expect(protected.recoverableCells() == [])
        // (d) the same table and rule give the same result
        #expect(try table.protected(by: rule) == protected)
        #expect(try DisclosureTable(bases: table.bases, relations: table.relations).protected(by: rule) == protected)
        // every published total's hidden parts add up to at least the threshold, or none is hidden
        #expect(narrowed(table, hidden: hidden, threshold: rule.threshold) == [])
        // minimality: publishing any one secondary cell would let a hidden cell be worked out or narrow a
        // published total's hidden parts below the threshold
        for cell in hidden where protected.disclosure(of: cell) == .secondary {
          let fewer = hidden.subtracting([cell])
          let exposed = try RecoverabilityCheck(table: table, suppressed: fewer)
          #expect(
            !exposed.recoverableCells().isEmpty || !narrowed(table, hidden: fewer, threshold: rule.threshold).isEmpty)
        }
        #expect((protected.footnote != nil) == !hidden.isEmpty)
      }
    }
  }

  /// (c) on small tables the exact elimination agrees with enumeration, for protected results and for
  /// arbitrary hidden sets (so the check is tested on recoverable cells as well as safe ones).
  @Test("on small tables the elimination agrees with brute-force enumeration", arguments: seeds)
  func bruteForce(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed &+ 10_000)
    for shape in TableShape.allCases {
      for _ in 0..<3 {
        let table = try randomTable(shape, maxCells: 12, using: &generator)
        let protected = try table.protected()
        var patterns = [Set(protected.suppressedCells)]
        for _ in 0..<4 {
          patterns.append(Set(table.bases.indices.filter { _ in Bool.random(using: &generator) }))
        }
        for hidden in patterns {
          let check = try RecoverabilityCheck(table: table, suppressed: hidden)
          let undetermined = undeterminedByEnumeration(table, suppressed: hidden)
          #expect(
            Set(check.recoverableCells()) == hidden.subtracting(undetermined),
            "\(shape) seed \(seed): \(table.bases) hiding \(hidden.sorted())")
        }
      }
    }
  }

  @Test("protection never throws on the generated shapes and hides a total only when needed")
  func totalsPreferredPublished() throws {
    var generator = SplitMix64(seed: 424_242)
    var secondaryTotals = 0
    var secondaryCells = 0
    for _ in 0..<200 {
      let table = try randomTable(.oneWay, maxCells: 10, using: &generator)
      let protected = try table.protected()
      let overall = table.cellCount - 1
      if protected.disclosure(of: overall) == .secondary { secondaryTotals += 1 }
      secondaryCells += protected.cells.filter { $0 == .secondary }.count
      // in a one-way table a complement is only ever needed once, and the overall (the largest) is never it
      #expect(protected.cells.filter { $0 == .secondary }.count <= 1)
    }
    #expect(secondaryTotals == 0)
    #expect(secondaryCells > 0, "the generator must produce tables that need a complement")
  }
}

/// The relations whose total is published while their hidden parts add up to less than the threshold
/// (written here apart from the library's own check).
func narrowed(_ table: DisclosureTable, hidden: Set<Int>, threshold: Int) -> [AdditiveRelation] {
  table.relations.filter { relation in
    let hiddenParts = relation.parts.filter { hidden.contains($0) }
    return !hidden.contains(relation.total) && !hiddenParts.isEmpty
      && hiddenParts.reduce(0) { $0 + table.bases[$1] } < threshold
  }
}
