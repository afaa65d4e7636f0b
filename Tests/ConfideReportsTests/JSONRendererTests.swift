import ConfideReports
import Foundation
import Testing

@Suite struct JSONRendererTests {
  static let figureKeys: Set<String> = [
    "kind", "estimate", "se", "ci", "n", "weighted_n", "statistic", "p_value", "p_adjusted", "adjustment",
  ]

  func parsed() throws -> [String: Any] {
    let json = JSONRenderer().render(try ExampleReport.document())
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
    return try #require(object as? [String: Any])
  }

  @Test func parsesBackWithEveryField() throws {
    let root = try parsed()
    #expect(root["schema"] as? String == "confide.report/1")
    #expect(Set(root.keys) == ["schema", "title", "subtitle", "generated_by", "sections", "methods"])
    let sections = try #require(root["sections"] as? [[String: Any]])
    let blocks = sections.flatMap { ($0["blocks"] as? [[String: Any]]) ?? [] }
    let tables = blocks.compactMap { $0["table"] as? [String: Any] }
    #expect(tables.count == 2)
    var figures = 0
    var suppressed = 0
    for table in tables {
      #expect(
        Set(table.keys) == [
          "id", "title", "caption", "row_variable", "format", "disclosure_marker", "column_groups", "rows",
          "footnotes",
        ])
      for row in try #require(table["rows"] as? [[String: Any]]) {
        for cell in try #require(row["cells"] as? [[String: Any]]) {
          let isSuppressed = try #require(cell["suppressed"] as? Bool)
          if isSuppressed {
            suppressed += 1
            #expect(Set(cell.keys) == ["type", "suppressed"])
          }
          if let figure = cell["figure"] as? [String: Any] {
            figures += 1
            #expect(Set(figure.keys) == Self.figureKeys)
          }
        }
      }
    }
    #expect(suppressed == 4)
    #expect(figures == 8)
    let headline = try #require(blocks.first { $0["type"] as? String == "headline" })
    let figure = try #require(headline["figure"] as? [String: Any])
    #expect(figure["estimate"] as? Double == -0.094)
    #expect((figure["statistic"] as? [String: Any])?["df"] as? [Double] == [187])
    #expect(figure["p_value"] as? Double == 0.000_028)
    #expect(figure["adjustment"] as? String == "holm")
    let ci = try #require(figure["ci"] as? [String: Any])
    #expect(ci["lower"] as? Double == -0.137)
    #expect(figure["n"] as? Int == 1_204)
  }

  @Test func outputIsByteStable() throws {
    let document = try ExampleReport.document()
    #expect(JSONRenderer().render(document) == JSONRenderer().render(document))
  }
}
