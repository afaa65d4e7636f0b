import Testing

/// The scale data sets and R's results written by `Fixtures/make-scales.R`.
enum ScalesFixtures {
  /// A data set's item columns (`scales-NAME.csv`), item-major, with their names.
  static func items(_ dataset: String) throws -> (names: [String], columns: [[Double?]]) {
    let table = try FixtureTable("scales-\(dataset).csv")
    return (table.header, try table.header.map { try table.numbers($0) })
  }

  /// Which items each data set's R analysis reverse-coded (`keys`), and its declared answer range.
  static let keys: [String: (reversed: Set<String>, range: ClosedRange<Double>)] = [
    "agreeableness": (["A1"], 1...6),
    "conscientiousness": (["C4", "C5"], 1...6),
    "neuroticism": ([], 1...6),
    "synthetic": (["s3"], 1...5),
    "pair": ([], 1...5),
    "unkeyed": ([], 1...5),
  ]

  /// R's results, `scales-expected.csv`, by data set, statistic and item (`total` for whole-scale values).
  struct Expected {
    private var values: [String: Double?] = [:]

    init() throws {
      let table = try FixtureTable("scales-expected.csv")
      for record in table.records {
        let key = try Self.key(
          #require(record["dataset"]), #require(record["statistic"]), #require(record["item"]))
        let field = try #require(record["value"])
        if field == "NA" {
          values[key] = Double?.none
        } else {
          let value: Double = try #require(Double(field), "not a number: \(field)")
          values[key] = value
        }
      }
    }

    private static func key(_ dataset: String, _ statistic: String, _ item: String) -> String {
      "\(dataset)|\(statistic)|\(item)"
    }

    /// R's value, `nil` for `NA`; records an issue and throws when R wrote no such row.
    func optional(_ dataset: String, _ statistic: String, _ item: String = "total") throws -> Double? {
      try #require(values[Self.key(dataset, statistic, item)], "no R value \(dataset) \(statistic) \(item)")
    }

    /// R's value, which must not be `NA`.
    func callAsFunction(_ dataset: String, _ statistic: String, _ item: String = "total") throws -> Double {
      try #require(try optional(dataset, statistic, item), "R gave NA for \(dataset) \(statistic) \(item)")
    }
  }
}
