public import ConfideModel
import Foundation

/// Writes respondents in the generic format `confide import` reads, as CSV or JSON Lines,
/// through one buffer flushed in large blocks (no system call per row).
///
/// **Columns**, in order: ``respondentIDColumn`` (`R0000001`, zero-padded to the width of the
/// number of respondents), then each variable of `Survey.variables` (experiments first, holding
/// the arm's name). A multiple-choice question has one 0/1 column per option of its list,
/// missing codes included, named `id___code` (`services_avoided___1`) or, for a negative code,
/// `id___mN` (`services_avoided___m9`).
///
/// **CSV** (RFC 4180, fields quoted only when they hold a comma, quote or line break): an empty
/// field is not asked or not answered (all of a multiple-choice question's indicators are empty
/// then); a missing code is its number (`-9`); codes and integers are written as integers,
/// decimals with a `.`, dates as `YYYY-MM-DD`.
///
/// **JSON Lines**: one object per respondent with the same keys, except that a multiple-choice
/// question is an array of the chosen codes under the question's id; a key is left out when
/// the variable was not asked or not answered; numbers are JSON numbers; arms, dates and text
/// are strings.
///
/// ```swift
/// let writer = try SimulationWriter(variables: simulator.variables, format: .csv, respondents: 1000, to: .file("sim.csv"))
/// try writer.write(respondent: 1, answers)
/// try writer.finish()
/// ```
///
/// A file is created (or truncated) with mode 0600, as every data file of Confide's is.
public final class SimulationWriter {
  /// The file formats written.
  public enum Format: String, Sendable, CaseIterable {
    case csv
    case jsonl

    /// The format a file's extension implies: JSON Lines for `.jsonl` and `.ndjson`, else CSV.
    public static func implied(by path: String?) -> Format {
      guard let path else { return .csv }
      let lower = path.lowercased()
      return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .jsonl : .csv
    }
  }

  /// Where the bytes go.
  public enum Destination: Hashable, Sendable {
    case standardOutput
    /// A file, created or truncated, owner-only.
    case file(String)
    /// Kept in ``contents`` (for tests and small previews).
    case memory
  }

  /// The format written.
  public let format: Format
  /// The CSV header's column names (JSON Lines uses the same keys, save for multiple choice).
  public let columns: [String]
  /// Everything written so far, when the destination is ``Destination/memory``.
  public private(set) var contents: [UInt8] = []

  private let fields: [Field]
  private let idWidth: Int
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private var closed = false
  private let path: String
  private var buffer: [UInt8] = []
  private static let blockSize = 1 << 16

  /// How one variable is written.
  private struct Field {
    enum Kind {
      case arm, code, integer, decimal, date, text
      case multiple(codes: [Int])
    }
    var kind: Kind
    /// `"name":`, encoded once.
    var jsonKey: [UInt8]

    var isDecimal: Bool {
      if case .decimal = kind { return true }
      return false
    }
  }

  /// Opens the destination and, for CSV, writes the header.
  ///
  /// - Parameters:
  ///   - variables: the survey's variables (`Survey.variables`), whose slots answers follow.
  ///   - format: CSV or JSON Lines.
  ///   - respondents: how many respondents will be written, which sets the width of their ids.
  ///   - destination: standard output, a file, or memory.
  /// - Throws: ``SimulationError/io(path:reason:)`` when the file cannot be created.
  public init(
    variables: [Variable], format: Format, respondents: Int, to destination: Destination
  ) throws(SimulationError) {
    self.format = format
    self.columns = Self.columns(for: variables)
    self.idWidth = String(max(1, respondents)).count
    self.fields = variables.map { v in
      let kind: Field.Kind =
        switch v.kind {
        case .arm: .arm
        case .single, .rating, .matrixItem, .yesNo: .code
        case .multiple: .multiple(codes: v.list?.choices.map(\.code) ?? [])
        case .integer, .count: .integer
        case .decimal: .decimal
        case .date: .date
        case .text: .text
        }
      var key: [UInt8] = []
      Self.appendJSONString(v.name, to: &key)
      key.append(UInt8(ascii: ":"))
      return Field(kind: kind, jsonKey: key)
    }
    switch destination {
    case .standardOutput:
      (descriptor, ownsDescriptor, path) = (1, false, "standard output")
    case .memory:
      (descriptor, ownsDescriptor, path) = (-1, false, "memory")
    case .file(let p):
      let fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      guard fd >= 0 else { throw .io(path: p, reason: String(cString: strerror(errno))) }
      // An existing file keeps its mode when truncated: make it owner-only too.
      _ = fchmod(fd, 0o600)
      (descriptor, ownsDescriptor, path) = (fd, true, p)
    }
    buffer.reserveCapacity(Self.blockSize + 4096)
    if format == .csv {
      for (i, column) in columns.enumerated() {
        if i > 0 { buffer.append(UInt8(ascii: ",")) }
        Self.appendCSVField(column, to: &buffer)
      }
      buffer.append(UInt8(ascii: "\n"))
    }
  }

  deinit {
    if ownsDescriptor, !closed { close(descriptor) }
  }

  /// The columns of the generic CSV format for `variables`, in order.
  public static func columns(for variables: [Variable]) -> [String] {
    var out = [respondentIDColumn]
    for v in variables {
      if v.kind == .multiple {
        out += (v.list?.choices ?? []).map { indicatorColumn(v.name, code: $0.code) }
      } else {
        out.append(v.name)
      }
    }
    return out
  }

  /// The column of one option of a multiple-choice question: `id___code`, or `id___mN` for a
  /// negative (missing) code -N, as in the codebook.
  public static func indicatorColumn(_ question: String, code: Int) -> String {
    code < 0 ? "\(question)___m\(-code)" : "\(question)___\(code)"
  }

  /// Writes respondent number `number` (from 1) with `answers`, indexed like the variables.
  ///
  /// - Complexity: O(v) in the number of variables; a system call only every 64 KiB.
  public func write(respondent number: Int, _ answers: [Answer]) throws(SimulationError) {
    // Work on a local buffer: appending to the stored one would check exclusive access on
    // every byte.
    var out: [UInt8] = []
    swap(&out, &buffer)
    switch format {
    case .csv: appendCSVRow(number, answers, to: &out)
    case .jsonl: appendJSONRow(number, answers, to: &out)
    }
    swap(&out, &buffer)
    if buffer.count >= Self.blockSize { try flush() }
  }

  /// Writes what is buffered and closes a file.
  public func finish() throws(SimulationError) {
    try flush()
    if ownsDescriptor, !closed {
      closed = true
      if close(descriptor) != 0 { throw .io(path: path, reason: String(cString: strerror(errno))) }
    }
  }

  private func flush() throws(SimulationError) {
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    if descriptor < 0 {
      contents += buffer
      return
    }
    var failure: Int32 = 0
    buffer.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        guard let base = bytes.baseAddress else { return }
        let n = Foundation.write(descriptor, base + offset, bytes.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += n
      }
    }
    if failure != 0 { throw .io(path: path, reason: String(cString: strerror(failure))) }
  }

  // MARK: - Rows

  private func appendID(_ number: Int, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "R"))
    var digits = 1
    var rest = number / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    for _ in 0..<max(0, idWidth - digits) { out.append(UInt8(ascii: "0")) }
    Self.appendInt(number, to: &out)
  }

  private func appendCSVRow(_ number: Int, _ answers: [Answer], to out: inout [UInt8]) {
    appendID(number, to: &out)
    for (i, field) in fields.enumerated() {
      let answer = i < answers.count ? answers[i] : .notAsked
      if case .multiple(let codes) = field.kind {
        let chosen: [Int]? =
          if case .codes(let c) = answer { c } else if case .missing(let c) = answer { [c] } else { nil }
        for code in codes {
          out.append(UInt8(ascii: ","))
          if let chosen { out.append(chosen.contains(code) ? UInt8(ascii: "1") : UInt8(ascii: "0")) }
        }
        continue
      }
      out.append(UInt8(ascii: ","))
      switch answer {
      case .notAsked, .notAnswered, .codes: break
      case .code(let c), .missing(let c): Self.appendInt(c, to: &out)
      case .number(let x): Self.appendNumber(x, decimal: field.isDecimal, to: &out)
      case .date(let s), .text(let s), .arm(let s): Self.appendCSVField(s, to: &out)
      }
    }
    out.append(UInt8(ascii: "\n"))
  }

  private func appendJSONRow(_ number: Int, _ answers: [Answer], to out: inout [UInt8]) {
    out.append(contentsOf: #"{"respondent_id":""#.utf8)
    appendID(number, to: &out)
    out.append(UInt8(ascii: "\""))
    for (i, field) in fields.enumerated() {
      let answer = i < answers.count ? answers[i] : .notAsked
      switch answer {
      case .notAsked, .notAnswered: continue
      default: break
      }
      out.append(UInt8(ascii: ","))
      out.append(contentsOf: field.jsonKey)
      switch answer {
      case .notAsked, .notAnswered: break
      case .codes(let codes):
        out.append(UInt8(ascii: "["))
        for (k, c) in codes.enumerated() {
          if k > 0 { out.append(UInt8(ascii: ",")) }
          Self.appendInt(c, to: &out)
        }
        out.append(UInt8(ascii: "]"))
      case .code(let c), .missing(let c):
        if case .multiple = field.kind {
          out.append(UInt8(ascii: "["))
          Self.appendInt(c, to: &out)
          out.append(UInt8(ascii: "]"))
        } else {
          Self.appendInt(c, to: &out)
        }
      case .number(let x): Self.appendNumber(x, decimal: field.isDecimal, to: &out)
      case .date(let s), .text(let s), .arm(let s): Self.appendJSONString(s, to: &out)
      }
    }
    out.append(contentsOf: "}\n".utf8)
  }

  // MARK: - Values

  static func appendInt(_ value: Int, to out: inout [UInt8]) {
    if value >= 0, value < 10 {
      out.append(UInt8(ascii: "0") + UInt8(value))
      return
    }
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    if magnitude >= 10_000_000_000 {
      out.append(contentsOf: String(magnitude).utf8)
      return
    }
    var count = 0
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      for i in stride(from: count - 1, through: 0, by: -1) { out.append(d[i]) }
    }
  }

  /// A number: whole numbers without a fraction; decimals with up to the digits they need.
  static func appendNumber(_ x: Double, decimal: Bool, to out: inout [UInt8]) {
    if x == x.rounded(), abs(x) < 1e15 {
      appendInt(Int(x), to: &out)
      if decimal { out.append(contentsOf: ".0".utf8) }
      return
    }
    let tenths = x * 10
    if tenths == tenths.rounded(), abs(tenths) < 1e15 {
      let t = Int(tenths)
      if t < 0 { out.append(UInt8(ascii: "-")) }
      appendInt(abs(t) / 10, to: &out)
      out.append(UInt8(ascii: "."))
      appendInt(abs(t) % 10, to: &out)
      return
    }
    out.append(contentsOf: x.description.utf8)
  }

  /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
  static func appendCSVField(_ s: String, to out: inout [UInt8]) {
    var s = s
    // The bytes in place (native strings are contiguous UTF-8): no copy, no iterator.
    s.withUTF8 { bytes in
      var needsQuotes = false
      for c in bytes
      where c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
        needsQuotes = true
        break
      }
      guard needsQuotes else {
        out.append(contentsOf: bytes)
        return
      }
      out.append(UInt8(ascii: "\""))
      for c in bytes {
        if c == UInt8(ascii: "\"") { out.append(c) }
        out.append(c)
      }
      out.append(UInt8(ascii: "\""))
    }
  }

  /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
  static func appendJSONString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for c in s.utf8 {
      switch c {
      case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: #"\u00"#.utf8)
        out.append(hex[Int(c >> 4)])
        out.append(hex[Int(c & 0xF)])
      default: out.append(c)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension Simulator {
  /// Draws `count` respondents and writes them, numbered from 1, then finishes the writer.
  ///
  /// - Complexity: O(n · v) for n respondents and v variables, in constant memory.
  public func write(
    count: Int, to writer: SimulationWriter, using generator: inout some RandomNumberGenerator
  ) throws(SimulationError) {
    var answers: [Answer] = []
    if count > 0 {
      for number in 1...count {
        try respondent(into: &answers, number: number, using: &generator)
        try writer.write(respondent: number, answers)
      }
    }
    try writer.finish()
  }
}
