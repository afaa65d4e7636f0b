/// A dense real symmetric matrix: covariance and correlation matrices of scale items.
///
/// Elements are stored once per entry in row-major order and kept symmetric by the setter,
/// so `m[i, j] == m[j, i]` always holds.
///
/// ```swift
/// var r = SymmetricMatrix(identity: 3)
/// r[0, 1] = 0.4  // also sets r[1, 0]
/// let e = r.eigendecomposition()
/// ```
public struct SymmetricMatrix: Hashable, Sendable {
  /// The number of rows (and columns).
  public let dimension: Int
  /// The elements in row-major order (`dimension * dimension` values).
  public private(set) var elements: [Double]

  /// A matrix with every element equal to `value`.
  public init(dimension: Int, repeating value: Double = 0) {
    precondition(dimension >= 0, "a matrix dimension cannot be negative")
    self.dimension = dimension
    elements = Array(repeating: value, count: dimension * dimension)
  }

  /// The identity matrix of the given dimension.
  public init(identity dimension: Int) {
    self.init(dimension: dimension)
    for i in 0..<dimension { self[i, i] = 1 }
  }

  /// A matrix whose element `(i, j)` is `entry(i, j)` for `i <= j`; the lower triangle mirrors it.
  ///
  /// - Complexity: O(d²) calls of `entry`.
  public init(
    dimension: Int, entry: (_ row: Int, _ column: Int) throws(EstimationError) -> Double
  )
    throws(EstimationError)
  {
    self.init(dimension: dimension)
    for i in 0..<dimension {
      for j in i..<dimension { self[i, j] = try entry(i, j) }
    }
  }

  /// The element in `row` and `column`; setting it also sets the mirrored element.
  public subscript(row: Int, column: Int) -> Double {
    get { elements[row * dimension + column] }
    set {
      elements[row * dimension + column] = newValue
      elements[column * dimension + row] = newValue
    }
  }

  /// The diagonal elements.
  public var diagonal: [Double] { (0..<dimension).map { self[$0, $0] } }

  /// The sum of the diagonal, tr(A).
  public var trace: Double { (0..<dimension).reduce(0) { $0 + self[$1, $1] } }

  /// The sum of all elements, 1ᵀA1 (the variance of the sum score when A is a covariance matrix).
  public var sumOfElements: Double { elements.reduce(0, +) }

  /// The sums of each column, A1.
  public var columnSums: [Double] {
    (0..<dimension).map { j in (0..<dimension).reduce(0) { $0 + self[$1, j] } }
  }

  /// The off-diagonal elements below the diagonal, column by column (R's `A[lower.tri(A)]`).
  public var lowerTriangle: [Double] {
    var values: [Double] = []
    values.reserveCapacity(dimension * (dimension - 1) / 2)
    for j in 0..<dimension {
      for i in (j + 1)..<max(j + 1, dimension) { values.append(self[i, j]) }
    }
    return values
  }

  /// The matrix without row and column `index` (R's `A[-i, -i]`).
  ///
  /// - Complexity: O(d²)
  public func removing(_ index: Int) -> SymmetricMatrix {
    var result = SymmetricMatrix(dimension: dimension - 1)
    for i in 0..<(dimension - 1) {
      for j in i..<(dimension - 1) {
        result[i, j] = self[i < index ? i : i + 1, j < index ? j : j + 1]
      }
    }
    return result
  }

  /// DAD for the diagonal matrix D = diag(`scales`): element (i, j) times `scales[i] * scales[j]`.
  ///
  /// With `scales` of ±1 this reverse-keys items in a covariance matrix (psych's `key.d %*% C %*% key.d`).
  public func scaled(by scales: [Double]) -> SymmetricMatrix {
    precondition(scales.count == dimension, "one scale factor per row")
    var result = self
    for i in 0..<dimension {
      for j in 0..<dimension { result.elements[i * dimension + j] *= scales[i] * scales[j] }
    }
    return result
  }

  /// The correlation matrix of a covariance matrix, as R's `cov2cor`: Aᵢⱼ·sᵢ·sⱼ with sᵢ = √(1/Aᵢᵢ),
  /// and the diagonal set to exactly 1.
  public var correlation: SymmetricMatrix {
    var result = scaled(by: diagonal.map { (1 / $0).squareRoot() })
    for i in 0..<dimension { result[i, i] = 1 }
    return result
  }

  /// The matrix product A·A (symmetric because A is).
  ///
  /// - Complexity: O(d³)
  public var squared: SymmetricMatrix {
    var result = SymmetricMatrix(dimension: dimension)
    for i in 0..<dimension {
      for j in i..<dimension {
        var sum = 0.0
        for k in 0..<dimension { sum += self[i, k] * self[k, j] }
        result[i, j] = sum
      }
    }
    return result
  }

  /// The Moore–Penrose pseudo-inverse A⁺, as psych's `Pinv`.
  ///
  /// A⁺ = Σ vᵢvᵢᵀ/λᵢ over the eigenpairs with |λᵢ| > `tolerance`·max|λ|. For a symmetric matrix the
  /// singular values are |λᵢ|, so this is the SVD-based pseudo-inverse psych computes (its default
  /// tolerance is √ε). For a well-conditioned matrix it is the ordinary inverse.
  ///
  /// - Complexity: O(d³)
  public func pseudoInverse(tolerance: Double = Double.ulpOfOne.squareRoot()) -> SymmetricMatrix {
    let eigen = eigendecomposition()
    let largest = eigen.values.map(abs).max() ?? 0
    var result = SymmetricMatrix(dimension: dimension)
    for k in 0..<dimension where abs(eigen.values[k]) > max(tolerance * largest, 0) {
      let inverse = 1 / eigen.values[k]
      for i in 0..<dimension {
        let vi = eigen.vectors[i * dimension + k] * inverse
        for j in i..<dimension {
          result.elements[i * dimension + j] += vi * eigen.vectors[j * dimension + k]
        }
      }
    }
    for i in 0..<dimension {
      for j in i..<dimension { result[i, j] = result.elements[i * dimension + j] }
    }
    return result
  }
}
