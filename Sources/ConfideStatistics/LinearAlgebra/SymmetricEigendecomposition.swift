/// The eigenvalues and eigenvectors of a real symmetric matrix, A = V·diag(λ)·Vᵀ.
///
/// Computed by the cyclic Jacobi method: plane rotations annihilate each off-diagonal element in
/// turn until the off-diagonal mass is negligible. Jacobi is slower than Householder + QR for large
/// matrices but simple, robust and accurate to machine precision in every eigenvalue, which suits the
/// small (items × items) matrices of scale analysis.
///
/// ```swift
/// let e = correlation.eigendecomposition()
/// let first = e.vector(0)  // eigenvector of the largest eigenvalue e.values[0]
/// ```
public struct SymmetricEigendecomposition: Hashable, Sendable {
  /// The eigenvalues in decreasing order (as R's `eigen(symmetric = TRUE)$values`).
  public let values: [Double]
  /// The eigenvectors as the columns of a row-major d × d matrix: column k belongs to `values[k]`.
  /// Each has unit length; its sign is arbitrary.
  public let vectors: [Double]
  /// The number of sweeps (passes over all off-diagonal pairs) the method needed.
  public let sweeps: Int

  /// The unit eigenvector belonging to `values[k]`.
  public func vector(_ k: Int) -> [Double] {
    let d = values.count
    return (0..<d).map { vectors[$0 * d + k] }
  }

  /// Diagonalises `matrix` by cyclic Jacobi rotations.
  ///
  /// Rotations use the stable formulas of Rutishauser (tan θ from the smaller root). After four
  /// sweeps an element too small to change either diagonal element it couples is set to zero; sweeps
  /// stop when the off-diagonal part is exactly zero (convergence is quadratic), or after 100.
  ///
  /// - Complexity: O(d³) per sweep; typically 6–10 sweeps.
  public init(_ matrix: SymmetricMatrix) {
    let d = matrix.dimension
    var a = matrix.elements
    var v = [Double](repeating: 0, count: d * d)
    for i in 0..<d { v[i * d + i] = 1 }
    var sweeps = 0
    while sweeps < 100 {
      var offDiagonal = 0.0
      for p in 0..<d {
        for q in (p + 1)..<max(p + 1, d) { offDiagonal += a[p * d + q] * a[p * d + q] }
      }
      if offDiagonal == 0 { break }
      sweeps += 1
      for p in 0..<d {
        for q in (p + 1)..<max(p + 1, d) {
          let apq = a[p * d + q]
          if apq == 0 { continue }
          let app = a[p * d + p]
          let aqq = a[q * d + q]
          let g = 100 * abs(apq)
          if sweeps > 4 && abs(app) + g == abs(app) && abs(aqq) + g == abs(aqq) {
            a[p * d + q] = 0
            a[q * d + p] = 0
            continue
          }
          let theta = (aqq - app) / (2 * apq)
          let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<d {
            let akp = a[k * d + p]
            let akq = a[k * d + q]
            a[k * d + p] = c * akp - s * akq
            a[k * d + q] = s * akp + c * akq
          }
          for k in 0..<d {
            let apk = a[p * d + k]
            let aqk = a[q * d + k]
            a[p * d + k] = c * apk - s * aqk
            a[q * d + k] = s * apk + c * aqk
          }
          a[p * d + q] = 0
          a[q * d + p] = 0
          for k in 0..<d {
            let vkp = v[k * d + p]
            let vkq = v[k * d + q]
            v[k * d + p] = c * vkp - s * vkq
            v[k * d + q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<d).sorted { a[$0 * d + $0] > a[$1 * d + $1] }
    values = order.map { a[$0 * d + $0] }
    var sorted = [Double](repeating: 0, count: d * d)
    for (column, k) in order.enumerated() {
      for i in 0..<d { sorted[i * d + column] = v[i * d + k] }
    }
    vectors = sorted
    self.sweeps = sweeps
  }
}

extension SymmetricMatrix {
  /// The eigenvalues (decreasing) and unit eigenvectors of the matrix.
  ///
  /// - Complexity: O(d³) per Jacobi sweep.
  public func eigendecomposition() -> SymmetricEigendecomposition {
    SymmetricEigendecomposition(self)
  }
}
