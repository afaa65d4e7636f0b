/// How a set of replicate weights was made, which fixes how the spread of the replicate
/// estimates is turned into a variance (R's `svrepdesign(type=)`).
///
/// The variance of an estimate θ̂ with replicate estimates θ̂ᵣ is
///
///     v = scale · Σᵣ rscaleᵣ (θ̂ᵣ − θ̄)²
///
/// with θ̄ the mean of the replicates (or θ̂ itself for the mean squared error form). Each
/// method gives the scale and per-replicate scales R's `svrepdesign` defaults to.
public enum ReplicationMethod: Sendable, Hashable {
  /// Delete-one-PSU jackknife of an unstratified design (R's `JK1`): scale (*R* − 1)/*R*.
  case jackknife
  /// Stratified delete-one-PSU jackknife (R's `JKn`): rscaleᵣ = (*n*ₕ − 1)/*n*ₕ for a
  /// replicate that drops a PSU of stratum *h*; the scales must be given for combined weights.
  case stratifiedJackknife
  /// The with-replacement bootstrap of PSUs within strata (R's `bootstrap`): scale 1/(*R* − 1).
  case bootstrap
  /// The Rao–Wu rescaling bootstrap, *n*ₕ − 1 PSUs drawn with replacement in each stratum and
  /// weights rescaled by *n*ₕ/(*n*ₕ − 1) (R's `subbootstrap`): scale 1/(*R* − 1).
  case subsampleBootstrap
  /// Balanced repeated replication (R's `BRR`): scale 1/*R*.
  case balancedRepeatedReplication
  /// Fay's modified BRR with coefficient ρ (R's `Fay`): scale 1/(*R*(1 − ρ)²).
  case fay(rho: Double)
  /// Successive-difference replication, as the American Community Survey publishes it (R's
  /// `successive-difference` and `ACS`): scale 4/*R*.
  case successiveDifference
  /// Any other scheme: give the scale and rscales (R's `other`; both default to 1).
  case other

  /// R's name for the method.
  public var rName: String {
    switch self {
    case .jackknife: "JK1"
    case .stratifiedJackknife: "JKn"
    case .bootstrap: "bootstrap"
    case .subsampleBootstrap: "subbootstrap"
    case .balancedRepeatedReplication: "BRR"
    case .fay: "Fay"
    case .successiveDifference: "successive-difference"
    case .other: "other"
    }
  }
}
