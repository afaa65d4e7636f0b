/// The design matrix *X* of a regression model, built from its terms as R's `model.matrix`
/// builds it from a formula, over the respondents the model can use.
///
/// Respondents missing a value of any predictor — or outside the rows asked for (those missing
/// the outcome, those outside a domain) — are left out, as `na.action = na.omit` does. Levels
/// of a categorical predictor that no remaining respondent has are dropped (as `glm`'s
/// `drop.unused.levels`), so they never make an all-zero column.
///
/// Terms are put in R's order: main effects first, then two-way interactions, and so on, each
/// group in the order given. Without an intercept, the first categorical main effect is coded
/// by one indicator per level, as R does for `y ~ group - 1`.
///
/// ```swift
/// let x = try ModelMatrix([.numeric("meals", meals), .categorical("stype", Grouping(stype))])
/// x.columnNames   // ["(Intercept)", "meals", "stypeH", "stypeM"]
/// ```
public struct ModelMatrix: Sendable {
  /// The columns' names, as R names them: `(Intercept)`, `meals`, `stypeH`, `stypeH:meals`.
  public let columnNames: [String]
  /// The terms' names, in model order.
  public let termNames: [String]
  /// Each column's term, an index into ``termNames``, or `nil` for the intercept (R's
  /// `assign` attribute).
  public let termOfColumn: [Int?]
  /// The respondents (row indices of the data) the matrix describes, in increasing order.
  public let rows: [Int]
  /// Whether each respondent of the data is in ``rows``.
  public let included: [Bool]
  /// The matrix, column-major: `values[c * rows.count + r]` for column *c* of the *r*-th
  /// included respondent.
  let values: [Double]

  /// The number of columns *p*.
  public var columnCount: Int { columnNames.count }

  /// Builds the design matrix.
  ///
  /// - Parameters:
  ///   - terms: The predictors and interactions.
  ///   - intercept: Whether the model has an intercept (R's `y ~ x` versus `y ~ x - 1`).
  ///   - candidates: The respondents the model may use, or `nil` for all; those missing a
  ///     predictor are left out further.
  /// - Throws: ``EstimationError/lengthMismatch(argument:expected:actual:)`` when the terms'
  ///   columns differ in length; ``EstimationError/invalidArgument(_:)`` when a model has no
  ///   column, a categorical predictor has fewer than two levels among the respondents, or
  ///   its reference level has no respondent, or a numeric predictor is infinite;
  ///   ``EstimationError/noObservations(_:)`` when no
  ///   respondent has every value.
  /// - Complexity: O(*n*·*p*) for *n* respondents and *p* columns.
  public init(_ terms: [RegressionTerm], intercept: Bool = true, candidates: [Bool]? = nil) throws(EstimationError) {
    let n = candidates?.count ?? terms.first?.predictors.first?.count ?? 0
    for term in terms {
      for predictor in term.predictors where predictor.count != n {
        throw .lengthMismatch(argument: predictor.name, expected: n, actual: predictor.count)
      }
    }
    guard intercept || !terms.isEmpty else { throw .invalidArgument("the model has no intercept and no term") }
    // R sorts a formula's terms by order, keeping the given order within each order.
    let terms = terms.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }
      .map(\.element)

    // The respondents with every value.
    var included = candidates ?? [Bool](repeating: true, count: n)
    for term in terms {
      for predictor in term.predictors {
        switch predictor {
        case .numeric(let name, let values):
          for i in 0..<n where !values[i].isFinite {
            guard values[i].isNaN else {
              throw .invalidArgument("the predictor '\(name)' of respondent \(i + 1) is not finite")
            }
            included[i] = false
          }
        case .categorical(_, let groups, _):
          for i in 0..<n where groups.codes[i] < 0 { included[i] = false }
        }
      }
    }
    let rows = (0..<n).filter { included[$0] }
    guard !rows.isEmpty else {
      throw .noObservations("no respondent has the outcome and every predictor of the model")
    }

    // Each predictor's columns: for a categorical one, a map from level code to column.
    let fullCodingTerm = intercept ? nil : terms.firstIndex { $0.order == 1 && $0.isCategorical }
    var names: [String] = intercept ? ["(Intercept)"] : []
    var termOfColumn: [Int?] = intercept ? [nil] : []
    var coded: [[CodedPredictor]] = []
    for (t, term) in terms.enumerated() {
      var parts: [CodedPredictor] = []
      for predictor in term.predictors {
        parts.append(try CodedPredictor(predictor, rows: rows, fullCoding: t == fullCodingTerm))
      }
      let columns = parts.reduce(1) { $0 * $1.columnCount }
      for c in 0..<columns {
        var rest = c
        var labels: [String] = []
        for part in parts {
          labels.append(part.labels[rest % part.columnCount])
          rest /= part.columnCount
        }
        names.append(labels.joined(separator: ":"))
        termOfColumn.append(t)
      }
      coded.append(parts)
    }

    // The values, column by column: each column is the product of one column of each of its
    // term's predictors, gathered over the included respondents.
    let p = names.count
    let m = rows.count
    var values = [Double](repeating: 1, count: m * p)
    var column = intercept ? 1 : 0
    for parts in coded {
      let columns = parts.reduce(1) { $0 * $1.columnCount }
      for c in 0..<columns {
        var rest = c
        values.withUnsafeMutableBufferPointer { out in
          let slice = UnsafeMutableBufferPointer(rebasing: out[(column * m)..<((column + 1) * m)])
          for part in parts {
            part.multiply(slice, rows: rows, column: rest % part.columnCount)
            rest /= part.columnCount
          }
        }
        column += 1
      }
    }
    columnNames = names
    termNames = terms.map(\.name)
    self.termOfColumn = termOfColumn
    self.rows = rows
    self.included = included
    self.values = values
  }

  /// A matrix of the same columns over other rows: `values` column-major over `rows.count`
  /// rows (for a regression's distinct rows, taken together).
  init(sameColumnsAs other: ModelMatrix, rows: [Int], included: [Bool], values: [Double]) {
    precondition(values.count == rows.count * other.columnCount, "one value per row and column")
    columnNames = other.columnNames
    termNames = other.termNames
    termOfColumn = other.termOfColumn
    self.rows = rows
    self.included = included
    self.values = values
  }
}

extension RegressionTerm {
  fileprivate var isCategorical: Bool {
    if case .categorical = predictors.first { true } else { false }
  }
}

/// A predictor turned into columns.
private struct CodedPredictor {
  /// The columns' labels (`meals`, `stypeH`).
  var labels: [String]
  /// For a categorical predictor, each level's column (−1 for the reference level); empty for
  /// a numeric one.
  var columnOfLevel: [Int]
  /// For a numeric predictor, its values.
  var numbers: [Double]
  /// For a categorical predictor, its codes.
  var codes: [Int32]

  var columnCount: Int { labels.count }

  init(_ predictor: RegressionTerm.Predictor, rows: [Int], fullCoding: Bool) throws(EstimationError) {
    switch predictor {
    case .numeric(let name, let values):
      labels = [name]
      columnOfLevel = []
      numbers = values
      codes = []
    case .categorical(let name, let groups, let reference):
      var present = [Bool](repeating: false, count: groups.count)
      for i in rows { present[Int(groups.codes[i])] = true }
      let levels = (0..<groups.count).filter { present[$0] }
      guard levels.count >= 2 || (fullCoding && levels.count == 1) else {
        throw .invalidArgument("the predictor '\(name)' has fewer than two levels among the respondents in the model")
      }
      var baseline: Int? = fullCoding ? nil : levels[0]
      if let reference, !fullCoding {
        guard let code = groups.levels.firstIndex(of: reference), present[code] else {
          throw .invalidArgument(
            "the reference level '\(reference)' of '\(name)' has no respondent in the model")
        }
        baseline = code
      }
      columnOfLevel = [Int](repeating: -1, count: groups.count)
      labels = []
      for level in levels where level != baseline {
        columnOfLevel[level] = labels.count
        labels.append(name + groups.levels[level])
      }
      numbers = []
      codes = groups.codes
    }
  }

  /// Multiplies `product` (one value per included respondent) by one of this predictor's
  /// columns.
  func multiply(_ out: UnsafeMutableBufferPointer<Double>, rows: [Int], column: Int) {
    if codes.isEmpty {
      numbers.withUnsafeBufferPointer { x in
        for (r, i) in rows.enumerated() { out[r] *= x[i] }
      }
    } else {
      let level = Int32(columnOfLevel.firstIndex(of: column) ?? -1)
      codes.withUnsafeBufferPointer { code in
        for (r, i) in rows.enumerated() where code[i] != level { out[r] = 0 }
      }
    }
  }
}
