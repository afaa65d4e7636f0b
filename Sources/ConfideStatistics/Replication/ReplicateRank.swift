extension ReplicateDesign {
  /// The degrees of freedom of a domain: the rank of the replicate weights of its respondents
  /// minus 1, as R's `degf(subset(design, domain))` (the design's given degrees of freedom when
  /// it was made with them).
  ///
  /// For a jackknife made by ``init(jackknife:meanSquaredError:)`` the rank has a closed form
  /// and costs O(*n*): with *k*ₕ of stratum *h*'s *n*ₕ PSUs present,
  ///
  ///     rank = Σₕ (kₕ − 1) + #{h : 0 < kₕ < nₕ} + [some stratum complete or unreplicated]
  ///
  /// which is #PSU − #strata + 1 for the whole design. Otherwise the rank is that of the
  /// distinct rows of replicate factors (each PSU's row, or each respondent's row scaled to its
  /// first non-zero entry), found by Gram–Schmidt with R's `qr` tolerance of 1e-5 and weighted
  /// so that the Gram matrix is that of R's full matrix: O(*D*·*R*·min(*D*, *R*)) for *D*
  /// distinct rows, stopping early once a block of rows has full rank.
  public func degreesOfFreedom(in domain: [Bool]?) -> Int {
    if let givenDegreesOfFreedom { return givenDegreesOfFreedom }
    if domain == nil { return degreesOfFreedom }
    return rankDegreesOfFreedom(in: domain)
  }

  /// The rank of the replicate weights minus 1, never below 0 (R gives −1 for a design
  /// without replicates, a census).
  func rankDegreesOfFreedom(in domain: [Bool]?) -> Int {
    max(replicateRank(in: domain) - 1, 0)
  }

  /// The rank of the matrix of replicate weights of the respondents in a domain.
  func replicateRank(in domain: [Bool]?) -> Int {
    let replicates = replicateCount
    guard replicates > 0 else { return 0 }
    switch factors {
    case .jackknife(let units, let stratumOfUnit, let stratumCount, let list) where isStandardJackknife:
      var present = [Bool](repeating: false, count: units.unitCount)
      for i in 0..<count where weights[i] > 0 && (domain?[i] ?? true) { present[Int(units.unitOfRow[i])] = true }
      var replicated = [Bool](repeating: false, count: stratumCount)
      for replicate in list { replicated[Int(replicate.stratum)] = true }
      var size = [Int](repeating: 0, count: stratumCount)
      var found = [Int](repeating: 0, count: stratumCount)
      for u in 0..<units.unitCount {
        let h = Int(stratumOfUnit[u])
        size[h] += 1
        if present[u] { found[h] += 1 }
      }
      var rank = 0
      var partial = 0
      var anchored = false
      for h in 0..<stratumCount where found[h] > 0 {
        if replicated[h] {
          rank += found[h] - 1
          if found[h] < size[h] { partial += 1 } else { anchored = true }
        } else {
          anchored = true
        }
      }
      return rank + partial + (anchored ? 1 : 0)

    case .jackknife(let units, _, _, _), .unitCounts(let units, _, _), .unitFactors(let units, _):
      // One row per present PSU, scaled by √(Σ w²) of its respondents.
      var squares = [Double](repeating: 0, count: units.unitCount)
      for i in 0..<count where weights[i] > 0 && (domain?[i] ?? true) {
        squares[Int(units.unitOfRow[i])] += weights[i] * weights[i]
      }
      var rows: [Double] = []
      var rowCount = 0
      for u in 0..<units.unitCount where squares[u] > 0 {
        let root = squares[u].squareRoot()
        for r in 0..<replicates { rows.append(factors.factor(replicate: r, unit: u) * root) }
        rowCount += 1
      }
      return numericalRank(rows: rows, rowCount: rowCount, columns: replicates)

    case .respondents(let columns, let combined):
      return distinctRowRank(columns: columns, combined: combined, domain: domain)
    }
  }

  /// The rank of per-respondent replicate weights, over their distinct rows up to scale.
  private func distinctRowRank(columns: [[Double]], combined: Bool, domain: [Bool]?) -> Int {
    let replicates = columns.count
    var representatives: [Double] = []  // normalised rows, row-major
    var squares: [Double] = []
    var index: [Int: [Int32]] = [:]
    for i in 0..<count where domain?[i] ?? true {
      let rowScale = combined ? 1 : weights[i]
      guard let first = (0..<replicates).first(where: { columns[$0][i] * rowScale != 0 }) else { continue }
      let leading = columns[first][i] * rowScale
      var hasher = Hasher()
      hasher.combine(first)
      for r in first..<replicates {
        let normalised = columns[r][i] * rowScale / leading
        hasher.combine((normalised * 1_048_576).rounded())
      }
      let key = hasher.finalize()
      var match: Int32?
      for candidate in index[key] ?? [] {
        let base = Int(candidate) * replicates
        var same = true
        for r in 0..<replicates {
          let normalised = columns[r][i] * rowScale / leading
          if abs(normalised - representatives[base + r]) > 1e-9 * max(1, abs(normalised)) {
            same = false
            break
          }
        }
        if same {
          match = candidate
          break
        }
      }
      if let match {
        squares[Int(match)] += leading * leading
      } else {
        index[key, default: []].append(Int32(squares.count))
        for r in 0..<replicates { representatives.append(columns[r][i] * rowScale / leading) }
        squares.append(leading * leading)
      }
    }
    for d in 0..<squares.count {
      let root = squares[d].squareRoot()
      for r in 0..<replicates { representatives[d * replicates + r] *= root }
    }
    return numericalRank(rows: representatives, rowCount: squares.count, columns: replicates)
  }
}

/// The numerical rank of a row-major matrix, as R's `qr(x, tol = 1e-5)$rank`: a column counts
/// when what is left of it after removing its projection on the earlier counted columns is at
/// least 1e-5 of its norm (LINPACK `dqrdc2`'s limited pivoting). The residual norms are read
/// from a Cholesky factorisation of the Gram matrix of the smaller dimension (rows when there
/// are fewer rows than columns, which has the same rank); a block of rows already of full
/// column rank decides the answer without reading the rest.
///
/// - Complexity: O(*D*·*R*·min(*D*, *R*)) for *D* rows and *R* columns.
func numericalRank(rows: [Double], rowCount: Int, columns: Int) -> Int {
  guard rowCount > 0, columns > 0 else { return 0 }
  let block = min(rowCount, 4 * columns)
  let first = gramRank(rows, rowCount: block, columns: columns)
  if first == columns || block == rowCount { return first }
  return gramRank(rows, rowCount: rowCount, columns: columns)
}

/// The rank of the first `rowCount` rows, by sequential Cholesky of the Gram matrix.
private func gramRank(_ matrix: [Double], rowCount: Int, columns: Int) -> Int {
  let byRows = rowCount < columns
  let size = byRows ? rowCount : columns
  var gram = [Double](repeating: 0, count: size * size)
  matrix.withUnsafeBufferPointer { a in
    gram.withUnsafeMutableBufferPointer { g in
      if byRows {
        for i in 0..<size {
          let x = a.baseAddress.map { $0 + i * columns }
          for j in i..<size {
            let y = a.baseAddress.map { $0 + j * columns }
            var dot = 0.0
            if let x, let y { for r in 0..<columns { dot += x[r] * y[r] } }
            g[i * size + j] = dot
          }
        }
      } else {
        for d in 0..<rowCount {
          let row = d * columns
          for i in 0..<size where a[row + i] != 0 {
            let x = a[row + i]
            for j in i..<size { g[i * size + j] += x * a[row + j] }
          }
        }
      }
    }
  }
  // Sequential Cholesky: L[j][k] for accepted k; a vector is dependent when its residual
  // squared norm is below (1e-5)² of its squared norm.
  var accepted: [Int] = []
  var factor = [Double](repeating: 0, count: size * size)  // row j: coefficients on accepted vectors
  var pivots: [Double] = []
  for j in 0..<size {
    let norm = gram[j * size + j]
    guard norm > 0 else { continue }
    var residual = norm
    for (k, i) in accepted.enumerated() {
      var value = gram[i * size + j]
      for m in 0..<k { value -= factor[i * size + m] * factor[j * size + m] }
      let coefficient = value / pivots[k]
      factor[j * size + k] = coefficient
      residual -= coefficient * coefficient
    }
    if residual < 1e-10 * norm { continue }
    factor[j * size + accepted.count] = residual.squareRoot()
    pivots.append(residual.squareRoot())
    accepted.append(j)
  }
  return accepted.count
}
