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
public enum PValueAdjustment: String, Sendable, Hashable, CaseIterable {
  /// No adjustment (`"none"`).
  case none
  /// Holm's step-down method (`"holm"`): with p₍₁₎ ≤ … ≤ p₍ₘ₎,
  /// p̃₍ᵢ₎ = min(1, maxⱼ≤ᵢ (m − j + 1) p₍ⱼ₎). Controls the family-wise error rate.
  case holm
  /// Hochberg's step-up method (`"hochberg"`): p̃₍ᵢ₎ = min(1, minⱼ≥ᵢ (m − j + 1) p₍ⱼ₎). Controls the
  /// family-wise error rate under independence or positive dependence.
  case hochberg
  /// Benjamini–Hochberg (`"BH"`): p̃₍ᵢ₎ = min(1, minⱼ≥ᵢ (m/j) p₍ⱼ₎). Controls the false discovery rate
  /// under independence or positive dependence.
  case benjaminiHochberg = "BH"
  /// Benjamini–Yekutieli (`"BY"`): Benjamini–Hochberg times Σₖ 1/k (k = 1…m). Controls the false
  /// discovery rate under any dependence.
  case benjaminiYekutieli = "BY"
  /// Bonferroni (`"bonferroni"`): p̃ᵢ = min(1, m pᵢ).
  case bonferroni

  /// The method's name in words, for notes and methods text: "Holm", "Benjamini–Hochberg". (The raw
  /// value is R's `p.adjust` name, which CSV and JSON output use.)
  public var displayName: String {
    switch self {
    case .none: "none"
    case .holm: "Holm"
    case .hochberg: "Hochberg"
    case .benjaminiHochberg: "Benjamini–Hochberg"
    case .benjaminiYekutieli: "Benjamini–Yekutieli"
    case .bonferroni: "Bonferroni"
    }
  }

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
    case .hochberg:
      let order = present.sorted { (p[$0], $0) < (p[$1], $1) }
      var running = Double.infinity
      for (rank, index) in order.enumerated().reversed() {
        running = min(running, (count - Double(rank)) * p[index])
        adjusted[index] = min(1, running)
      }
    case .benjaminiHochberg, .benjaminiYekutieli:
      let factor = self == .benjaminiYekutieli ? (1...m).reduce(0.0) { $0 + 1 / Double($1) } : 1
      let order = present.sorted { (p[$0], $0) < (p[$1], $1) }
      var running = Double.infinity
      for (rank, index) in order.enumerated().reversed() {
        running = min(running, factor * count / Double(rank + 1) * p[index])
        adjusted[index] = min(1, running)
      }
    }
    return adjusted
  }
}
