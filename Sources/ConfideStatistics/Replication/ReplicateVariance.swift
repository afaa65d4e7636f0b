extension ReplicateDesign {
  /// The replicate covariance matrix of *k* statistics, as `survey::svrVar`:
  ///
  ///     V = scale · Σᵣ rscaleᵣ (θ̂ᵣ − θ̄)(θ̂ᵣ − θ̄)ᵀ
  ///
  /// where θ̄ is the mean of the replicates with a positive rscale, or the full-sample
  /// estimate under ``meanSquaredError``.
  ///
  /// A replicate whose estimate of any of the statistics is undefined (a replicate with no
  /// weight in a domain gives 0/0) is left out with its rscale, as R's `na.omit` does; R keeps
  /// an infinite replicate estimate (and so reports an infinite variance), Confide leaves it
  /// out too.
  ///
  /// - Parameters:
  ///   - thetas: The replicate estimates, replicate-major: `thetas[r * k + j]`.
  ///   - estimates: The full-sample estimates.
  /// - Returns: The *k* × *k* covariance matrix.
  /// - Throws: ``EstimationError/noObservations(_:)`` when every replicate is undefined.
  /// - Complexity: O(*R*·*k*²).
  func replicateCovariance(_ thetas: [Double], estimates: [Double]) throws(EstimationError) -> [[Double]] {
    let k = estimates.count
    let replicates = replicateCount
    var covariance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    guard replicates > 0 else { return covariance }  // every stratum self-representing: no variance

    var usable = [Bool](repeating: false, count: replicates)
    var anyUsable = false
    for r in 0..<replicates {
      var finite = true
      for j in 0..<k where !thetas[r * k + j].isFinite { finite = false }
      usable[r] = finite
      if finite { anyUsable = true }
    }
    guard anyUsable else { throw .noObservations("no replicate has respondents for this estimate") }

    var centre = estimates
    if !meanSquaredError {
      centre = [Double](repeating: 0, count: k)
      var used = 0
      for r in 0..<replicates where usable[r] && replicateScales[r] > 0 {
        used += 1
        for j in 0..<k { centre[j] += thetas[r * k + j] }
      }
      for j in 0..<k { centre[j] = used > 0 ? centre[j] / Double(used) : .nan }
    }
    var deviation = [Double](repeating: 0, count: k)
    for r in 0..<replicates where usable[r] {
      for j in 0..<k { deviation[j] = thetas[r * k + j] - centre[j] }
      let weight = replicateScales[r] * scale
      for a in 0..<k {
        for b in a..<k { covariance[a][b] += weight * deviation[a] * deviation[b] }
      }
    }
    for a in 0..<k {
      for b in a..<k {
        if !covariance[a][b].isFinite { covariance[a][b] = 0 }
        covariance[b][a] = covariance[a][b]
      }
    }
    return covariance
  }
}
