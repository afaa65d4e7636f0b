/// A multiplicity adjustment of a family of p-values (as R's `p.adjust`).
///
/// NaN entries (R's `NA`) stay in place and are left out of the family: the number of tests m is
/// the number of non-NaN p-values, exactly as `p.adjust` with its default `n`. A family of one
/// (or none) is returned unchanged. Adjusted values are capped at 1.
///
/// ```swift
/// PValueAdjustment.holm.adjust([0.01, 0.04, 0.03, 0.005, 0.20])
/// // [0.04, 0.09, 0.09, 0.025, 0.2]
/// ```
public enum PValueAdjustment: Sendable, Hashable, CaseIterable {
  /// No adjustment (`"none"`).
  case none
  /// Holm's step-down method (`"holm"`): with p₍₁₎ ≤ … ≤ p₍ₘ₎,
  /// p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m − j + 1) p₍ⱼ₎). Controls the family-wise error rate.
  case holm
  /// Benjamini–Hochberg (`"BH"`): p̃₍ᵢ₎ = min(1, minⱼ≥ᵢ (m/j) p₍ⱼ₎). Controls the false discovery rate
  /// under independence or positive dependence.
  case benjaminiHochberg
  /// Bonferroni (`"bonferroni"`): p̃ᵢ = min(1, m pᵢ).
  case bonferroni

  /// The adjusted p-values, in the order given (as R's `p.adjust`).
  ///
  /// Ties keep R's result: the ordering is stable, so tied p-values receive the same adjusted value.
  ///
  /// - Complexity: O(m log m).
  public func adjust(_ p: [Double]) -> [Double] {
    let present = p.indices.filter { !p[$0].isNaN }
    let m = present.count
    if m <= 1 || self == .none { return p }
    var adjusted = p
    let count = Double(m)
    switch self {
    case .none:
      return p
    case .bonferroni:
      for i in present { adjusted[i] = min(1, count * p[i]) }
    case .holm:
      let order = present.sorted { (p[$0], $0) < (p[$1], $1) }
      var running = -Double.infinity
      for (rank, index) in order.enumerated() {
        running = max(running, (count - Double(rank)) * p[index])
        adjusted[index] = min(1, running)
      }
    case .benjaminiHochberg:
      let order = present.sorted { (p[$0], $0) < (p[$1], $1) }
      var running = Double.infinity
      for (rank, index) in order.enumerated().reversed() {
        running = min(running, count / Double(rank + 1) * p[index])
        adjusted[index] = min(1, running)
      }
    }
    return adjusted
  }
}
