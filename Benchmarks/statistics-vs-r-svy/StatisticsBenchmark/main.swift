// The statistics benchmark's analysis in Confide (ConfideStatistics), the same analysis as
// analysis.R (R's `survey`) and analysis_svy.py (Python's `svy`).
//
//   StatisticsBenchmark DATA.csv MARGINS.csv RESULTS.csv
//
// Rakes a stratified cluster design to three population margins, estimates 40 weighted
// proportions with linearised SEs overall, by birth abroad and by ethnicity (a missing answer
// is `.nan`: the respondents with an answer are a domain, as R's `na.rm=TRUE`), and fits one
// design-based logistic regression. Writes every estimate and SE (shortest round-trip digits)
// to RESULTS.csv and prints the phases' wall times in seconds as one JSON object on stdout.
//
// The CSV is read by a hand-written parser over the file's bytes: every field is a plain
// decimal number (make_data.py writes no quotes, exponents or text) or empty (missing).
import ConfideStatistics
import Foundation

/// A CSV of decimal numbers, column by column.
struct NumericTable {
  var names: [String]
  var columns: [[Double]]

  func column(_ name: String) throws -> [Double] {
    guard let index = names.firstIndex(of: name) else { throw BenchmarkError("no column '\(name)'") }
    return columns[index]
  }

  /// Parses a file of decimal numbers with a header line; an empty field is `.nan`.
  init(contentsOf path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else { throw BenchmarkError("cannot read \(path)") }
    var names: [String] = []
    var columns: [[Double]] = []
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
      let bytes = raw.bindMemory(to: UInt8.self)
      let end = bytes.count
      var p = 0
      while p < end, bytes[p] != UInt8(ascii: "\n") { p += 1 }
      let header = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<p]), as: UTF8.self)
      names = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      p += 1
      let width = names.count
      // Rows are about as long as the header's width in fields of a few bytes: estimate the count.
      var estimate = 0
      for i in p..<end where bytes[i] == UInt8(ascii: "\n") { estimate += 1 }
      columns = [[Double]](repeating: [], count: width)
      for c in 0..<width { columns[c].reserveCapacity(estimate) }
      let powers: [Double] = (0...22).map { pow(10, Double($0)) }
      var row = 1
      while p < end {
        row += 1
        for c in 0..<width {
          var negative = false
          if p < end, bytes[p] == UInt8(ascii: "-") {
            negative = true
            p += 1
          }
          var mantissa: UInt64 = 0
          var digits = 0
          var fraction = 0
          var seenPoint = false
          while p < end {
            let b = bytes[p]
            if b >= 48, b <= 57 {
              mantissa = mantissa &* 10 &+ UInt64(b - 48)
              digits += 1
              if seenPoint { fraction += 1 }
            } else if b == UInt8(ascii: "."), !seenPoint {
              seenPoint = true
            } else {
              break
            }
            p += 1
          }
          let value: Double
          if digits == 0 {
            value = .nan
          } else {
            // Exact while the mantissa has at most 15 digits: one correctly rounded division.
            guard digits <= 15, fraction <= 22 else { throw BenchmarkError("line \(row): a number is too long") }
            let v = Double(mantissa) / powers[fraction]
            value = negative ? -v : v
          }
          columns[c].append(value)
          let expected = c == width - 1 ? UInt8(ascii: "\n") : UInt8(ascii: ",")
          if p < end, bytes[p] == UInt8(ascii: "\r"), c == width - 1 { p += 1 }
          guard p < end ? bytes[p] == expected : c == width - 1 else {
            throw BenchmarkError("line \(row), column \(c + 1): not a number")
          }
          p += 1
        }
      }
    }
    self.names = names
    self.columns = columns
  }
}

struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Codes 1…k (as written by make_data.py) as a grouping with levels "1"…"k".
func grouping(_ values: [Double], firstLevel: Int = 1) throws -> Grouping {
  let top = Int(values.max() ?? 0)
  let levels = (firstLevel...max(top, firstLevel)).map(String.init)
  return try Grouping(codes: values.map { Int32(Int($0) - firstLevel) }, levels: levels)
}

func seconds(_ d: Duration) -> Double {
  let (s, a) = d.components
  return Double(s) + Double(a) * 1e-18
}

func run() throws {
  let arguments = CommandLine.arguments
  guard arguments.count == 4 else {
    throw BenchmarkError("usage: StatisticsBenchmark DATA.csv MARGINS.csv RESULTS.csv")
  }
  let clock = ContinuousClock()
  let t0 = clock.now
  let data = try NumericTable(contentsOf: arguments[1])
  let marginsFile = try String(contentsOfFile: arguments[2], encoding: .utf8)
  let t1 = clock.now

  // Design and raking.
  let strata = try grouping(data.column("stratum"))
  let psus = try grouping(data.column("psu"))
  let design = try SurveyDesign(weights: data.column("w"), strata: strata, clusters: psus, lonelyPSU: .fail)
  let marginsTable = try MarginsTable.parse(marginsFile)
  var margins: [PopulationMargin] = []
  var groupings: [String: Grouping] = [:]
  for name in ["age", "sex", "region"] {
    let cells = try grouping(data.column(name))
    groupings[name] = cells
    margins.append(try marginsTable.margin(for: name, cells: cells, total: 0))
  }
  let raking = try rake(design, margins: margins, tolerance: 1e-13, maximumIterations: 100)
  let raked = raking.design
  let t2 = clock.now

  // Proportions: overall and by two subgroups.
  let bornAbroad = try grouping(data.column("born_abroad"), firstLevel: 0)
  let ethnicity = try grouping(data.column("ethnicity"))
  var lines = ["kind,variable,by,level,estimate,se"]
  for j in 1...40 {
    let item = "q" + (j < 10 ? "0" : "") + String(j)
    let y = try data.column(item)
    let overall = try mean(y, in: raked)
    lines.append("prop,\(item),all,all,\(overall.value),\(overall.standardError)")
    for (name, groups) in [("born_abroad", bornAbroad), ("ethnicity", ethnicity)] {
      let byGroup = try mean(y, in: raked, by: groups)
      for (level, estimate) in zip(byGroup.levels, byGroup.estimates) {
        lines.append("prop,\(item),\(name),\(level),\(estimate.value),\(estimate.standardError)")
      }
    }
  }
  let t3 = clock.now

  // One design-based logistic regression.
  let model = try regression(
    data.column("y"),
    on: [
      .categorical("age", groupings["age"] ?? bornAbroad), .categorical("sex", groupings["sex"] ?? bornAbroad),
      .numeric("born_abroad", data.column("born_abroad")), .numeric("concern", data.column("concern")),
    ], in: raked, family: .logistic)
  for coefficient in model.coefficients {
    lines.append("glm,\(coefficient.name),all,all,\(coefficient.estimate),\(coefficient.standardError)")
  }
  let t4 = clock.now

  try (lines.joined(separator: "\n") + "\n").write(toFile: arguments[3], atomically: true, encoding: .utf8)
  let timings: [(String, Double)] = [
    ("load", seconds(t1 - t0)), ("design_rake", seconds(t2 - t1)), ("proportions", seconds(t3 - t2)),
    ("regression", seconds(t4 - t3)), ("analysis", seconds(t4 - t1)),
  ]
  let fields = timings.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
  print(
    "{\"tool\": \"Confide\", \"rows\": \(design.count), \"rake_rounds\": \(raking.iterations), \(fields)}")
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("StatisticsBenchmark: \(error)\n".utf8))
  exit(1)
}
