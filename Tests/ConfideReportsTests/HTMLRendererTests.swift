import ConfideReports
import ConfideStatistics
import Foundation
import Testing

@Suite("HTML: one self-contained, accessible file")
struct HTMLRendererTests {
  static func html() throws -> String { HTMLRenderer().render(try ExampleReport.document()) }

  /// Every occurrence of `needle` in `text`, counted without regard to case.
  static func count(_ needle: String, in text: String) -> Int {
    text.lowercased().components(separatedBy: needle.lowercased()).count - 1
  }

  @Test("no scripts, no links and nothing loaded from outside the file")
  func selfContained() throws {
    let html = try Self.html()
    for forbidden in [
      "<script", "http://", "https://", "src=", "href=", "<link", "@import", "url(http", "<iframe", "<object",
      "<embed", "<img", " on", "javascript:",
    ] where forbidden != " on" {
      #expect(Self.count(forbidden, in: html) == 0, "found \(forbidden)")
    }
    // Event handler attributes (onload=, onclick=, …) would run script.
    #expect(html.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil)
    // The only url() is a pattern defined in the same drawing.
    for match in html.matches(of: /url\(([^)]*)\)/) { #expect(match.1.hasPrefix("#")) }
  }

  @Test("the page has a language, headings in order and one h1")
  func structure() throws {
    let html = try Self.html()
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
    #expect(HTMLRenderer(language: "cy").render(try ExampleReport.document()).contains("<html lang=\"cy\">"))
    let levels = html.matches(of: /<h([1-6])[ >]/).compactMap { Int($0.1) }
    #expect(levels.first == 1)
    #expect(levels.filter { $0 == 1 }.count == 1)
    for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1) }
    #expect(html.contains("<h2 id=\"methods\">Methods</h2>"))
    #expect(html.contains("<dt>Disclosure control</dt>"))
  }

  @Test("every table has a caption and scoped headers")
  func tables() throws {
    let html = try Self.html()
    let tables = Self.count("<table>", in: html)
    #expect(tables == 6)  // two report tables, and one table of numbers under each of four charts
    #expect(Self.count("<caption>", in: html) == tables)
    #expect(Self.count("<th scope=\"row\"", in: html) > 0)
    #expect(html.contains("<th scope=\"colgroup\" colspan=\"3\">Born in the UK</th>"))
    #expect(!html.contains("<th>"))
  }

  @Test("every chart is an image with a title and a description")
  func charts() throws {
    let html = try Self.html()
    let svgs = html.components(separatedBy: "<svg").dropFirst()
    #expect(svgs.count == 4)
    for svg in svgs {
      let tag = svg.prefix { $0 != ">" }
      #expect(tag.contains("role=\"img\""))
      let body = svg.components(separatedBy: "</svg>")[0]
      #expect(body.contains("<title id="))
      #expect(body.contains("<desc id="))
      #expect(tag.contains("aria-labelledby="))
    }
    let document = try ExampleReport.document()
    for chart in document.charts {
      #expect(html.contains("<desc id=\"chart-\(chart.id)-desc\">" + HTMLRenderer.escape(chart.textAlternative)))
    }
    // Numbers are written in the drawings as text, not only as shapes.
    #expect(html.contains(">45</text>"))  // the NHS's "agree" share
    #expect(html.contains(">\u{2212}9.4 (\u{2212}13.7 to \u{2212}5.1)</text>"))
    #expect(html.contains(">12.2 (8.2\u{2013}16.1)</text>"))
  }

  @Test("suppressed values are marked gaps with the marker, and the footnote follows")
  func suppressedValues() throws {
    let html = try Self.html()
    // Four in the prevalence plot, the pilot Likert item, and two bars of the list experiment.
    #expect(Self.count("<g class=\"suppressed\">", in: html) == 7)
    #expect(html.contains("* not shown</text></g>"))
    let footnote = DisclosureRule.standard.footnote
    // Under the prevalence table, and under the three charts with a hidden value.
    #expect(Self.count("<p>" + HTMLRenderer.escape(footnote) + "</p>", in: html) == 4)
  }

  @Test("a hidden value never appears, in any format")
  func hiddenValuesNeverAppear() throws {
    let document = try ExampleReport.document()
    var outputs = [
      TextRenderer().render(document), MarkdownRenderer().render(document), JSONRenderer().render(document),
      LaTeXRenderer().render(document), HTMLRenderer().render(document),
    ]
    outputs += CSVRenderer().render(document).values
    let hidden =
      [ExampleReport.hiddenEstimate, ExampleReport.hiddenInterval.lower, ExampleReport.hiddenInterval.upper]
      + ExampleReport.hiddenShares + [ExampleReport.hiddenListEstimate]
    for output in outputs {
      for value in hidden {
        // Neither the stored value nor its percentage to one or two decimal places, as a whole number.
        for text in [String(value), String(format: "%.1f", value * 100), String(format: "%.2f", value * 100)] {
          let pattern = "(?<![0-9.])" + NSRegularExpression.escapedPattern(for: text) + "(?![0-9])"
          #expect(output.range(of: pattern, options: .regularExpression) == nil, "\(text) appears")
        }
      }
    }
  }

  @Test("text is escaped")
  func escaping() {
    #expect(
      HTMLRenderer.escape("<script>alert('x') & \"y\"</script>")
        == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    let document = ReportDocument(
      title: "<b>R&D</b>", generatedBy: GeneratedBy(software: "Confide", version: "0.5.0"),
      sections: [
        ReportSection(
          heading: "A <section>",
          blocks: [
            .chart(
              ReportChart(
                id: "x\"><script>", title: "<svg onload=alert(1)>", textAlternative: "</desc><script>",
                content: .bars(
                  BarChart(
                    axisLabel: "<i>", bars: [ChartRow(label: "<img src=x>", value: .suppressed)])),
                disclosureMarker: "<*>"))
          ])
      ], methods: MethodsSection(entries: []))
    let html = HTMLRenderer().render(document)
    #expect(!html.contains("<script"))
    #expect(!html.contains("<b>"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<svg onload"))
    #expect(html.contains("&lt;*&gt; not shown"))
  }

  @Test func outputIsByteStable() throws {
    #expect(try Self.html() == (try Self.html()))
  }
}
