import ConfideAuthoring
import ConfideModel
import Foundation
import Testing

/// The previews and codebooks of the shipped surveys, kept as golden files. Each golden was read
/// line by line before it was accepted; a difference means the output a reviewer sees changed.
@Suite struct PreviewGoldenTests {
  enum Format: String, CaseIterable, Sendable {
    case text = "txt", markdown = "md", html

    func render(_ doc: PreviewDocument) -> String {
      switch self {
      case .text: PreviewRenderer.text(doc)
      case .markdown: PreviewRenderer.markdown(doc)
      case .html: PreviewRenderer.html(doc)
      }
    }
  }

  /// English, Welsh, and English with one arm of each experiment fixed.
  enum Variant: String, CaseIterable, Sendable {
    case english = "en", welsh = "cy", arms = "en.arms"

    var language: String? { self == .welsh ? "cy" : nil }
    var armRequests: [String] { self == .arms ? ["enforcement", "list_experiment=treatment"] : [] }
  }

  @Test(arguments: Variant.allCases, Format.allCases)
  func nhsDataTrust(_ variant: Variant, _ format: Format) throws {
    let survey = try Fixtures.shipped("nhs-data-trust.survey")
    let arms = try PreviewDocument.resolveArms(variant.armRequests, in: survey)
    let doc = try PreviewDocument(survey: survey, language: variant.language, arms: arms)
    try Fixtures.assertGolden(format.render(doc), name: "nhs-data-trust.preview.\(variant.rawValue).\(format.rawValue)")
  }
}

@Suite struct CodebookGoldenTests {
  static let surveys = ["nhs-data-trust", "clinic-feedback"]

  @Test(arguments: surveys)
  func text(_ name: String) throws {
    let codebook = Codebook(try Fixtures.shipped("\(name).survey"))
    try Fixtures.assertGolden(codebook.text(), name: "\(name).codebook.txt")
  }

  @Test(arguments: surveys)
  func json(_ name: String) throws {
    let codebook = Codebook(try Fixtures.shipped("\(name).survey"))
    try Fixtures.assertGolden(codebook.json(), name: "\(name).codebook.json")
  }
}
