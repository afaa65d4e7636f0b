/// The interpolation R's `confint_profile` applies to a likelihood profile: an interpolating
/// cubic spline with Forsythe, Malcolm and Moler's end conditions (`spline(method = "fmm")`)
/// evaluated at 3*m* equally spaced points, then inverted by linear interpolation (`approx`).
/// Reproduced step by step so that the `likelihood` proportion interval matches R's.
enum ProfileInterpolation {
  /// The points `spline(x, y)` returns: the FMM spline through (xᵢ, yᵢ) (x increasing)
  /// evaluated at `3 * x.count` equally spaced points from the first x to the last.
  static func spline(x: [Double], y: [Double]) -> (x: [Double], y: [Double]) {
    let n = x.count
    guard n >= 2 else { return (x, y) }
    var b = [Double](repeating: 0, count: n)
    var c = [Double](repeating: 0, count: n)
    var d = [Double](repeating: 0, count: n)
    fmmCoefficients(x: x, y: y, b: &b, c: &c, d: &d)
    let count = 3 * n
    let points = sequence(from: x[0], to: x[n - 1], count: count)
    var values = [Double](repeating: 0, count: count)
    var i = 0
    for (l, u) in points.enumerated() {
      if u < x[i] || (i < n - 1 && x[i + 1] < u) {
        i = 0
        var j = n
        repeat {
          let k = (i + j) / 2
          if u < x[k] { j = k } else { i = k }
        } while j > i + 1
      }
      let dx = u - x[i]
      values[l] = y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]))
    }
    return (points, values)
  }

  /// R's `seq.int(from, to, length.out = count)`: the ends exact, the first half counted up
  /// from `from` and the second half down from `to`.
  static func sequence(from: Double, to: Double, count: Int) -> [Double] {
    var values = [Double](repeating: from, count: count)
    guard count > 1 else { return values }
    values[count - 1] = to
    let by = (to - from) / Double(count - 1)
    for i in 1..<(count - 1) {
      values[i] = i < count / 2 ? from + Double(i) * by : to - Double(count - 1 - i) * by
    }
    return values
  }

  /// The coefficients of R's `fmm_spline` (splines.c): on [xᵢ, xᵢ₊₁] the spline is
  /// yᵢ + bᵢt + cᵢt² + dᵢt³, with third derivatives at the ends matched to those of the cubics
  /// through the first and last four points.
  static func fmmCoefficients(x: [Double], y: [Double], b: inout [Double], c: inout [Double], d: inout [Double]) {
    let n = x.count
    if n < 3 {
      let t = (y[1] - y[0]) / (x[1] - x[0])
      b[0] = t
      b[1] = t
      c[0] = 0
      c[1] = 0
      d[0] = 0
      d[1] = 0
      return
    }
    let last = n - 1
    // The tridiagonal system: b the diagonal, d the off-diagonal, c the right-hand side.
    d[0] = x[1] - x[0]
    c[1] = (y[1] - y[0]) / d[0]
    for i in 1..<last {
      d[i] = x[i + 1] - x[i]
      b[i] = 2 * (d[i - 1] + d[i])
      c[i + 1] = (y[i + 1] - y[i]) / d[i]
      c[i] = c[i + 1] - c[i]
    }
    b[0] = -d[0]
    b[last] = -d[n - 2]
    c[0] = 0
    c[last] = 0
    if n > 3 {
      c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0])
      c[last] = c[n - 2] / (x[last] - x[n - 3]) - c[n - 3] / (x[n - 2] - x[n - 4])
      c[0] = c[0] * d[0] * d[0] / (x[3] - x[0])
      c[last] = -c[last] * d[n - 2] * d[n - 2] / (x[last] - x[n - 4])
    }
    for i in 1...last {
      let t = d[i - 1] / b[i - 1]
      b[i] -= t * d[i - 1]
      c[i] -= t * c[i - 1]
    }
    c[last] /= b[last]
    for i in stride(from: n - 2, through: 0, by: -1) { c[i] = (c[i] - d[i] * c[i + 1]) / b[i] }
    b[last] = (y[last] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2 * c[last])
    for i in 0..<last {
      b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i])
      d[i] = (c[i + 1] - c[i]) / d[i]
      c[i] *= 3
    }
    c[last] *= 3
    d[last] = d[n - 2]
  }

  /// R's `approx(x, y, xout)$y` for one point: the pairs sorted by x (ties averaged), then
  /// linear interpolation; `nil` outside the range of x (R's `NA`).
  static func approx(x: [Double], y: [Double], at value: Double) -> Double? {
    let order = x.indices.sorted { x[$0] < x[$1] }
    var xs: [Double] = []
    var ys: [Double] = []
    var tied = 0
    for index in order {
      if let previous = xs.last, previous == x[index] {
        tied += 1
        ys[ys.count - 1] += (y[index] - ys[ys.count - 1]) / Double(tied + 1)
      } else {
        tied = 0
        xs.append(x[index])
        ys.append(y[index])
      }
    }
    guard let first = xs.first, let last = xs.last, value >= first, value <= last else { return nil }
    var i = 0
    var j = xs.count - 1
    while i < j - 1 {
      let middle = (i + j) / 2
      if value < xs[middle] { j = middle } else { i = middle }
    }
    if value == xs[j] { return ys[j] }
    if value == xs[i] { return ys[i] }
    return ys[i] + (ys[j] - ys[i]) * ((value - xs[i]) / (xs[j] - xs[i]))
  }
}
