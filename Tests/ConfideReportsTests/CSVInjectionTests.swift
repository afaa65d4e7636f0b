import Testing

@testable import ConfideReports

@Suite("CSV: labels are never run as formulas")
struct CSVInjectionTests {
  @Test("a label starting with =, +, -, @ or a tab gets a leading apostrophe; numbers do not")
  func formulasAreNeutralised() {
    #expect(CSVRenderer.inert("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")")
    #expect(CSVRenderer.inert("+44 20") == "'+44 20")
    #expect(CSVRenderer.inert("-1+1") == "'-1+1")
    #expect(CSVRenderer.inert("@SUM(A1)") == "'@SUM(A1)")
    #expect(CSVRenderer.inert("\tx") == "'\tx")
    #expect(CSVRenderer.inert("Born in the UK") == "Born in the UK")
    #expect(CSVRenderer.inert("") == "")
  }
}
