extension SymmetricMatrix {
  /// Each variable's squared multiple correlation with all the others, as `psych::smc`.
  ///
  /// SMCᵢ = 1 − 1/(R⁺)ᵢᵢ, where R is this matrix rescaled to a correlation matrix and R⁺ its
  /// pseudo-inverse (psych's `Pinv`, so a singular R still gives values). As psych does, values
  /// above 1 are set to 1 and values below 0 to 0; if none is defined, all are 1.
  ///
  /// - Complexity: O(k³)
  public func squaredMultipleCorrelations() -> [Double] {
    let inverse = correlation.pseudoInverse()
    var smc = inverse.diagonal.map { 1 - 1 / $0 }
    if smc.allSatisfy(\.isNaN) { return smc.map { _ in 1 } }
    for i in smc.indices where !smc[i].isNaN {
      smc[i] = min(1, max(0, smc[i]))
    }
    return smc
  }

}
