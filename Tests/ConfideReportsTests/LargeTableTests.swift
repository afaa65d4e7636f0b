import ConfideReports
import Testing

@Suite("Protection: a large table")
struct LargeTableTests {
  /// A 20 × 20 table with margins (441 cells, 42 relations), one cell in eight small: every
  /// small cell is hidden and nothing hidden can be worked out. (How long it takes is not a
  /// test's business; tables in reports are far smaller.)
  @Test("a 20 × 20 table with margins is protected")
  func twentyByTwenty() throws {
    var generator = SplitMix64(seed: 2_020)
    let inner = (0..<20).map { _ in
      (0..<20).map { _ in
        Int.random(in: 0..<8, using: &generator) == 0
          ? Int.random(in: 0...9, using: &generator) : Int.random(in: 10...120, using: &generator)
      }
    }
    let table = try DisclosureTable.twoWay(inner)
    let result = try table.protected()
    #expect(result.recoverableCells() == [])
    #expect(result.cells.filter { $0 == .secondary }.count > 0, "the table needs secondary suppression")
    for (cell, base) in table.bases.enumerated() where base < 10 {
      #expect(result.publishedBase(of: cell) == nil, "cell \(cell) has a base below 10 and is published")
    }
  }
}
