/// The Cholesky decomposition *A* = *LL*ᵀ of a small symmetric positive-definite matrix, for
/// solving the *p*×*p* systems of regression and of design-based tests (normal equations,
/// Wald statistics, Rao–Scott design-effect matrices).
///
/// A matrix that is singular or nearly so — a column that is (numerically) a linear
/// combination of the columns before it — is refused with
/// ``EstimationError/singular(_:)`` naming that column, rather than solved into huge or NaN
/// values: column *j* is refused when its pivot, the part of *A*ⱼⱼ not explained by the earlier
/// columns, is at most `tolerance` × *A*ⱼⱼ (for a cross-product matrix *X*ᵀ*WX*, when the
/// earlier columns explain more than 1 − `tolerance` of column *j*'s weighted sum of squares).
///
/// ```swift
/// let a = try CholeskyDecomposition([[4, 2], [2, 3]])
/// a.solve([2, 1])   // [0.5, 0]
/// ```
struct CholeskyDecomposition: Sendable {
  /// The order *p* of the matrix.
  let order: Int
  /// The lower-triangular factor *L*, row-major, *p*×*p*.
  private var lower: [Double]

  /// Factors a symmetric matrix (only its lower triangle is read).
  ///
  /// - Parameters:
  ///   - matrix: A symmetric *p*×*p* matrix, as rows.
  ///   - names: The columns' names, for the error message; positions are used when `nil`.
  ///   - tolerance: The relative pivot below which a column counts as collinear.
  /// - Throws: ``EstimationError/singular(_:)`` naming the first column that is a linear
  ///   combination of the earlier ones (or is zero), ``EstimationError/invalidArgument(_:)``
  ///   when the matrix is not square or holds a value that is not finite.
  /// - Complexity: O(*p*³).
  init(_ matrix: [[Double]], names: [String]? = nil, tolerance: Double = 1e-10) throws(EstimationError) {
    let p = matrix.count
    guard matrix.allSatisfy({ $0.count == p }) else { throw .invalidArgument("the matrix is not square") }
    guard matrix.allSatisfy({ row in row.allSatisfy(\.isFinite) }) else {
      throw .invalidArgument("the matrix holds a value that is not finite")
    }
    order = p
    lower = [Double](repeating: 0, count: p * p)
    for j in 0..<p {
      var pivot = matrix[j][j]
      for k in 0..<j { pivot -= lower[j * p + k] * lower[j * p + k] }
      guard matrix[j][j] > 0, pivot > tolerance * matrix[j][j] else {
        let name = names.map { "'\($0[j])'" } ?? "\(j + 1)"
        let reason = matrix[j][j] > 0 ? "is a linear combination of the columns before it" : "is zero"
        throw .singular("column \(name) \(reason)")
      }
      let diagonal = pivot.squareRoot()
      lower[j * p + j] = diagonal
      for i in (j + 1)..<max(j + 1, p) {
        var value = matrix[i][j]
        for k in 0..<j { value -= lower[i * p + k] * lower[j * p + k] }
        lower[i * p + j] = value / diagonal
      }
    }
  }

  /// The solution *x* of *Ax* = *b*.
  ///
  /// - Complexity: O(*p*²).
  func solve(_ b: [Double]) -> [Double] {
    let p = order
    var x = b
    for i in 0..<p {
      var value = x[i]
      for k in 0..<i { value -= lower[i * p + k] * x[k] }
      x[i] = value / lower[i * p + i]
    }
    for i in stride(from: p - 1, through: 0, by: -1) {
      var value = x[i]
      for k in (i + 1)..<max(i + 1, p) { value -= lower[k * p + i] * x[k] }
      x[i] = value / lower[i * p + i]
    }
    return x
  }

  /// The solution *X* of *AX* = *B* for a matrix *B* given as rows (*A*⁻¹*B*).
  ///
  /// - Complexity: O(*p*²·*m*) for *m* columns of *B*.
  func solve(matrix b: [[Double]]) -> [[Double]] {
    let columns = b.first?.count ?? 0
    var result = [[Double]](repeating: [Double](repeating: 0, count: columns), count: order)
    for c in 0..<columns {
      let x = solve(b.map { $0[c] })
      for r in 0..<order { result[r][c] = x[r] }
    }
    return result
  }

  /// The inverse *A*⁻¹.
  ///
  /// - Complexity: O(*p*³).
  func inverse() -> [[Double]] {
    var result = [[Double]](repeating: [Double](repeating: 0, count: order), count: order)
    var unit = [Double](repeating: 0, count: order)
    for c in 0..<order {
      unit[c] = 1
      let x = solve(unit)
      unit[c] = 0
      for r in 0..<order { result[r][c] = x[r] }
    }
    // Symmetrise away rounding so that the inverse is exactly symmetric.
    for r in 0..<order {
      for c in (r + 1)..<max(r + 1, order) {
        let average = (result[r][c] + result[c][r]) / 2
        result[r][c] = average
        result[c][r] = average
      }
    }
    return result
  }

  /// The quadratic form *b*ᵀ*A*⁻¹*b*, computed as ‖*L*⁻¹*b*‖².
  ///
  /// - Complexity: O(*p*²).
  func inverseQuadraticForm(_ b: [Double]) -> Double {
    let p = order
    var x = b
    var sum = 0.0
    for i in 0..<p {
      var value = x[i]
      for k in 0..<i { value -= lower[i * p + k] * x[k] }
      x[i] = value / lower[i * p + i]
      sum += x[i] * x[i]
    }
    return sum
  }
}
