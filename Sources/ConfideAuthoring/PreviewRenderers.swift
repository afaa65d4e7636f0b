/// Renders a ``PreviewDocument`` as terminal text, Markdown or a self-contained HTML page.
public enum PreviewRenderer {
  /// Plain text for a terminal, wrapped at `width` columns.
  public static func text(_ doc: PreviewDocument, width: Int = 88) -> String {
    var out: [String] = []
    out.append(doc.title)
    out.append(String(repeating: "=", count: min(width, doc.title.count)))
    if let d = doc.description { out += wrap(d, width: width) }
    out.append(header(doc))
    for section in doc.sections {
      out.append("")
      let heading = section.title.isEmpty ? section.id : section.title
      out.append(heading)
      out.append(String(repeating: "-", count: min(width, heading.count)))
      if let r = section.routing { out.append("[\(r)]") }
      if section.shuffled { out.append("[Questions in this section are shown in random order.]") }
      for item in section.items {
        out.append("")
        switch item.kind {
        case .vignette:
          for v in item.vignettes {
            let prefix = item.vignettes.count > 1 || doc.arms.isEmpty ? "[\(v.arm)] " : ""
            out += wrap(prefix + v.text, width: width, indent: "  ")
          }
          for n in item.notes { out.append("  [\(n)]") }
        case .note:
          out += wrap(item.text, width: width, indent: "  ")
          if let r = item.routing { out += wrap("[\(r)]", width: width, indent: "    ") }
        case .question:
          let star = item.required ? " *" : ""
          out += wrap("Q\(item.number ?? 0). \(item.text)\(star)", width: width)
          if let h = item.hint { out += wrap("(\(h))", width: width, indent: "    ") }
          if let i = item.instruction { out += wrap(i, width: width, indent: "    ") }
          let codeWidth = item.options.map { String($0.code).count }.max() ?? 1
          if !item.rows.isEmpty {
            for row in item.rows {
              let note = row.note.map { "  [\($0)]" } ?? ""
              out += wrap("- \(row.text)\(note)", width: width, indent: "    ")
            }
            if !item.options.isEmpty { out.append("    Scale:") }
          }
          for o in item.options {
            let code = String(repeating: " ", count: codeWidth - String(o.code).count) + String(o.code)
            out.append("    [\(code)] \(o.label)\(o.isMissing ? "  (missing)" : "")")
          }
          for v in item.validation { out += wrap("Check: \(v)", width: width, indent: "    ") }
          if let r = item.routing { out += wrap("[\(r)]", width: width, indent: "    ") }
          for n in item.notes { out.append("    [\(n)]") }
          out.append("    variable: \(item.id)")
        }
      }
    }
    out.append("")
    out.append("* required")
    return out.joined(separator: "\n") + "\n"
  }

  static func header(_ doc: PreviewDocument) -> String {
    var parts = ["version \(doc.version)", "language \(doc.language)"]
    for (e, a) in doc.arms.sorted(by: { $0.key < $1.key }) { parts.append("\(e) = \(a)") }
    return "(" + parts.joined(separator: ", ") + ")"
  }

  /// Greedy word wrap.
  static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = indent
      for word in paragraph.split(separator: " ") {
        if line.count > indent.count, line.count + 1 + word.count > width {
          lines.append(line)
          line = indent + "  "
        }
        line += (line.count > indent.count && !line.hasSuffix("  ") ? " " : "") + word
      }
      lines.append(line)
    }
    return lines
  }

  /// Markdown, for review in a pull request or a document.
  public static func markdown(_ doc: PreviewDocument) -> String {
    var out: [String] = ["# \(md(doc.title))", ""]
    if let d = doc.description { out += [md(d), ""] }
    out += ["_\(md(header(doc)))_", ""]
    for section in doc.sections {
      out.append("## \(md(section.title.isEmpty ? section.id : section.title))")
      out.append("")
      if let r = section.routing { out += ["> \(md(r))", ""] }
      if section.shuffled { out += ["> Questions in this section are shown in random order.", ""] }
      for item in section.items {
        switch item.kind {
        case .vignette:
          for v in item.vignettes { out += ["> **\(md(v.arm))**: \(md(v.text))", ">"] }
          if out.last == ">" { out.removeLast() }
          for n in item.notes { out += ["", "_\(md(n))_"] }
          out.append("")
        case .note:
          out += [md(item.text), ""]
          if let r = item.routing { out += ["> \(md(r))", ""] }
        case .question:
          out.append("**Q\(item.number ?? 0). \(md(item.text))**\(item.required ? " \\*" : "") `\(item.id)`")
          out.append("")
          if let h = item.hint { out += ["_\(md(h))_", ""] }
          if let i = item.instruction { out += [md(i), ""] }
          if !item.rows.isEmpty, !item.options.isEmpty {
            out.append("| Statement | " + item.options.map { md($0.label) }.joined(separator: " | ") + " |")
            out.append("|---|" + item.options.map { _ in "---" }.joined(separator: "|") + "|")
            for row in item.rows {
              out.append(
                "| \(md(row.text))\(row.note.map { " _(\(md($0)))_" } ?? "") |"
                  + item.options.map { _ in " ○ " }.joined(separator: "|") + "|")
            }
            out.append("")
          } else {
            for row in item.rows { out.append("- \(md(row.text))\(row.note.map { " _(\(md($0)))_" } ?? "")") }
            if !item.rows.isEmpty { out.append("") }
            for o in item.options { out.append("- `\(o.code)` \(md(o.label))\(o.isMissing ? " _(missing)_" : "")") }
            if !item.options.isEmpty { out.append("") }
          }
          for v in item.validation { out += ["Check: \(md(v))", ""] }
          if let r = item.routing { out += ["> \(md(r))", ""] }
          for n in item.notes { out += ["_\(md(n))_", ""] }
        }
      }
    }
    out.append("\\* required")
    return out.joined(separator: "\n") + "\n"
  }

  private static func md(_ s: String) -> String {
    var out = ""
    for c in s {
      if "\\`*_[]<>|#&".contains(c) { out.append("\\") }
      out.append(c)
    }
    return out
  }

  /// A self-contained HTML page (no scripts, fonts or network), readable printed.
  public static func html(_ doc: PreviewDocument) -> String {
    var out: [String] = []
    out.append("<!DOCTYPE html>")
    out.append("<html lang=\"\(h(doc.language))\">")
    out.append("<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    out.append("<title>\(h(doc.title))</title>")
    out.append(
      """
      <style>
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
      h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #bbb;padding-bottom:.2rem;margin-top:2rem}
      .q{margin:1.2rem 0;padding:.8rem 1rem;border:1px solid #ccc;border-radius:6px;break-inside:avoid}
      .q p{margin:.3rem 0}.num{font-weight:700}.req{color:#a00000}.var{font-family:monospace;color:#555;font-size:.85rem}
      .hint,.instr{color:#444;font-size:.95rem}.route{background:#fff6d6;border-left:4px solid #b58900;padding:.3rem .6rem;font-size:.9rem}
      .check{font-size:.9rem;color:#333}.vignette{background:#eef4fb;border-left:4px solid #2a6ebb;padding:.6rem .8rem;margin:1rem 0}
      .arm{font-weight:700}table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:center}
      td:first-child,th:first-child{text-align:left}.missing{color:#555;font-style:italic}ul{margin:.3rem 0}
      @media print{body{margin:0;max-width:none}.route{background:none}}
      </style></head><body>
      """)
    out.append("<h1>\(h(doc.title))</h1>")
    if let d = doc.description { out.append("<p>\(h(d))</p>") }
    out.append("<p class=\"var\">\(h(header(doc)))</p>")
    for section in doc.sections {
      out.append("<section aria-labelledby=\"s-\(h(section.id))\">")
      out.append("<h2 id=\"s-\(h(section.id))\">\(h(section.title.isEmpty ? section.id : section.title))</h2>")
      if let r = section.routing { out.append("<p class=\"route\">\(h(r))</p>") }
      if section.shuffled { out.append("<p class=\"route\">Questions in this section are shown in random order.</p>") }
      for item in section.items {
        switch item.kind {
        case .vignette:
          for v in item.vignettes {
            let label = item.vignettes.count > 1 || doc.arms.isEmpty ? "<span class=\"arm\">\(h(v.arm)):</span> " : ""
            out.append("<div class=\"vignette\">\(label)\(h(v.text))</div>")
          }
          for n in item.notes { out.append("<p class=\"hint\">\(h(n))</p>") }
        case .note:
          out.append("<p>\(h(item.text))</p>")
          if let r = item.routing { out.append("<p class=\"route\">\(h(r))</p>") }
        case .question:
          out.append("<div class=\"q\" id=\"q-\(h(item.id))\">")
          out.append(
            "<p><span class=\"num\">Q\(item.number ?? 0).</span> \(h(item.text))\(item.required ? " <span class=\"req\" aria-label=\"required\">*</span>" : "") <span class=\"var\">\(h(item.id))</span></p>"
          )
          if let hint = item.hint { out.append("<p class=\"hint\">\(h(hint))</p>") }
          if let i = item.instruction { out.append("<p class=\"instr\">\(h(i))</p>") }
          if !item.rows.isEmpty, !item.options.isEmpty {
            out.append(
              "<table><thead><tr><th scope=\"col\">Statement</th>"
                + item.options.map { "<th scope=\"col\">\(h($0.label))</th>" }.joined() + "</tr></thead><tbody>")
            for row in item.rows {
              out.append(
                "<tr><th scope=\"row\">\(h(row.text))\(row.note.map { " <span class=\"missing\">(\(h($0)))</span>" } ?? "")</th>"
                  + item.options.map { _ in "<td>○</td>" }.joined() + "</tr>")
            }
            out.append("</tbody></table>")
          } else {
            if !item.rows.isEmpty {
              out.append(
                "<ul>"
                  + item.rows.map {
                    "<li>\(h($0.text))\($0.note.map { " <span class=\"missing\">(\(h($0)))</span>" } ?? "")</li>"
                  }.joined() + "</ul>")
            }
            if !item.options.isEmpty {
              out.append(
                "<ul>"
                  + item.options.map {
                    "<li\($0.isMissing ? " class=\"missing\"" : "")>\(h($0.label)) <span class=\"var\">[\($0.code)]</span></li>"
                  }.joined() + "</ul>")
            }
          }
          for v in item.validation { out.append("<p class=\"check\">Check: \(h(v))</p>") }
          if let r = item.routing { out.append("<p class=\"route\">\(h(r))</p>") }
          for n in item.notes { out.append("<p class=\"hint\">\(h(n))</p>") }
          out.append("</div>")
        }
      }
      out.append("</section>")
    }
    out.append("<p class=\"hint\"><span class=\"req\">*</span> required</p>")
    out.append("</body></html>")
    return out.joined(separator: "\n") + "\n"
  }

  /// Escapes text for HTML.
  static func h(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }
}
