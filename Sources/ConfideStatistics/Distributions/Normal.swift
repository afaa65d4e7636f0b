import Foundation

/// The normal distribution N(μ, σ²).
///
/// - ``cdf(_:)`` and ``survival(_:)``: Cody's rational Chebyshev approximations of the error
///   function (W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp.
///   1969; ACM TOMS Algorithm 715, 1993), the method of R's `pnorm`; each tail is computed
///   directly, with exp(−x²/2) split as exp(−x₁²/2)·exp(−δ/2) so that far tails keep full
///   relative accuracy down to the underflow threshold (|z| ≈ 37.5).
/// - ``quantile(_:)``: Wichura's AS 241 `PPND16` (Applied Statistics 37, 1988), accurate to about
///   1 part in 10¹⁶, as R's `qnorm`.
/// - ``density(_:)``: (1/(σ√(2π))) exp(−z²/2), with z² split in the same way for |z| ≥ 5, as R's
///   `dnorm`.
///
/// A mean that is not finite or a standard deviation that is not finite and positive makes every
/// method return `.nan`.
public struct Normal: ContinuousDistribution, Hashable {
  /// The mean μ.
  public var mean: Double
  /// The standard deviation σ.
  public var standardDeviation: Double

  /// A normal distribution with the given mean and standard deviation (the standard normal by default).
  public init(mean: Double = 0, standardDeviation: Double = 1) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  private var isValid: Bool {
    mean.isFinite && standardDeviation.isFinite && standardDeviation > 0
  }

  /// The density φ((x − μ)/σ)/σ (as R's `dnorm`).
  public func density(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return standardNormalDensity((x - mean) / standardDeviation) / standardDeviation
  }

  /// P(X ≤ x) (as R's `pnorm`).
  public func cdf(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return standardNormalTails((x - mean) / standardDeviation).lower
  }

  /// P(X > x) (as R's `pnorm(lower.tail = FALSE)`).
  public func survival(_ x: Double) -> Double {
    guard isValid, !x.isNaN else { return .nan }
    return standardNormalTails((x - mean) / standardDeviation).upper
  }

  /// The p-quantile μ + σ Φ⁻¹(p) by AS 241 (as R's `qnorm`).
  public func quantile(_ p: Double) -> Double {
    guard isValid, p >= 0, p <= 1 else { return .nan }
    return mean + standardDeviation * standardNormalQuantile(p)
  }
}

/// φ(z) = e^(−z²/2)/√(2π), with z split into a 16-bit head and a tail for |z| ≥ 5 so that z² is
/// effectively exact.
func standardNormalDensity(_ z: Double) -> Double {
  let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
  let x = abs(z)
  if x.isNaN { return .nan }
  if x < 5 { return inverseSqrtTwoPi * exp(-0.5 * x * x) }
  if x > 38.6 { return 0 }
  let head = (x * 65_536).rounded() / 65_536
  let rest = x - head
  return inverseSqrtTwoPi * (exp(-0.5 * head * head) * exp((-0.5 * rest - head) * rest))
}

/// Both tails (Φ(z), 1 − Φ(z)) by Cody's algorithm; tails below the smallest normal double are 0.
func standardNormalTails(_ z: Double) -> (lower: Double, upper: Double) {
  if z.isNaN { return (.nan, .nan) }
  let a = [
    2.235_252_035_460_683_928_7, 161.028_231_068_555_878_81, 1_067.689_485_460_370_958_2,
    18_154.981_253_343_561_249, 0.065_682_337_918_207_449_113,
  ]
  let b = [
    47.202_581_904_688_241_87, 976.098_551_737_776_693_22, 10_260.932_208_618_978_205,
    45_507.789_335_026_729_956,
  ]
  let c = [
    0.398_941_512_088_134_667_64, 8.883_149_794_388_375_941_2, 93.506_656_132_177_855_979,
    597.270_276_394_800_262_26, 2_494.537_585_290_372_671_1, 6_848.190_450_536_282_332_6,
    11_602.651_437_647_350_124, 9_842.714_838_383_978_021_8, 1.076_557_677_372_019_231_7e-8,
  ]
  let d = [
    22.266_688_044_328_115_691, 235.387_901_782_624_998_61, 1_519.377_599_407_554_805,
    6_485.558_298_266_760_755, 18_615.571_640_885_098_091, 34_900.952_721_145_977_266,
    38_912.003_286_093_271_411, 19_685.429_676_859_990_727,
  ]
  let p = [
    0.215_898_534_057_956_99, 0.127_401_161_160_247_363_9, 0.022_235_277_870_649_807,
    0.001_421_619_193_227_893_466, 2.911_287_495_116_879_2e-5, 0.023_073_441_764_940_173_03,
  ]
  let q = [
    1.284_260_096_144_911_21, 0.468_238_212_480_865_118, 0.065_988_137_868_928_551_5,
    0.003_782_396_332_027_582_44, 7.297_515_550_839_662_05e-5,
  ]
  let y = abs(z)
  if y <= 0.662_91 {
    let square = y > 1.1e-16 ? z * z : 0
    var numerator = a[4] * square
    var denominator = square
    for i in 0..<3 {
      numerator = (numerator + a[i]) * square
      denominator = (denominator + b[i]) * square
    }
    let half = z * (numerator + a[3]) / (denominator + b[3])
    return (0.5 + half, 0.5 - half)
  }
  var small: Double
  if y <= 32.0.squareRoot() {
    var numerator = c[8] * y
    var denominator = y
    for i in 0..<7 {
      numerator = (numerator + c[i]) * y
      denominator = (denominator + d[i]) * y
    }
    small = (numerator + c[7]) / (denominator + d[7])
  } else if y < 50 {
    let inverseSquare = 1 / (z * z)
    var numerator = p[5] * inverseSquare
    var denominator = inverseSquare
    for i in 0..<4 {
      numerator = (numerator + p[i]) * inverseSquare
      denominator = (denominator + q[i]) * inverseSquare
    }
    small = inverseSquare * (numerator + p[4]) / (denominator + q[4])
    small = (0.398_942_280_401_432_677_94 - small) / y
  } else {
    return z > 0 ? (1, 0) : (0, 1)
  }
  // exp(−y²/2) with y² = head² + δ, head = ⌊16y⌋/16 exact.
  let head = (y * 16).rounded(.down) / 16
  let delta = (y - head) * (y + head)
  small = exp(-head * head * 0.5) * exp(-delta * 0.5) * small
  if small < Double.leastNormalMagnitude { small = 0 }
  return z > 0 ? (1 - small, small) : (small, 1 - small)
}

/// Φ⁻¹(p) by Wichura's AS 241 (PPND16); ±infinity at p = 0 and 1.
func standardNormalQuantile(_ p: Double) -> Double {
  if p.isNaN || p < 0 || p > 1 { return .nan }
  if p == 0 { return -.infinity }
  if p == 1 { return .infinity }
  let q = p - 0.5
  if abs(q) <= 0.425 {
    let r = 0.180_625 - q * q
    let numerator =
      (((((((r * 2_509.080_928_730_122_672_7 + 33_430.575_583_588_128_105) * r + 67_265.770_927_008_700_853) * r
        + 45_921.953_931_549_871_457) * r + 13_731.693_765_509_461_125) * r + 1_971.590_950_306_551_442_7) * r
        + 133.141_667_891_784_377_45) * r + 3.387_132_872_796_366_608)
    let denominator =
      (((((((r * 5_226.495_278_852_854_561 + 28_729.085_735_721_942_674) * r + 39_307.895_800_092_710_61) * r
        + 21_213.794_301_586_595_867) * r + 5_394.196_021_424_751_107_7) * r + 687.187_007_492_057_908_3) * r
        + 42.313_330_701_600_911_252) * r + 1)
    return q * numerator / denominator
  }
  var r = (-log(q > 0 ? 1 - p : p)).squareRoot()
  var value: Double
  if r <= 5 {
    r -= 1.6
    let numerator =
      (((((((r * 7.745_450_142_783_414_076_4e-4 + 0.022_723_844_989_269_184_583_3) * r
        + 0.241_780_725_177_450_611_77) * r + 1.270_458_252_452_368_382_58) * r + 3.647_848_324_763_204_605_04) * r
        + 5.769_497_221_460_691_405_5) * r + 4.630_337_846_156_545_295_9) * r + 1.423_437_110_749_683_577_34)
    let denominator =
      (((((((r * 1.050_750_071_644_416_843_24e-9 + 5.475_938_084_995_344_946e-4) * r
        + 0.015_198_666_563_616_457_196_6) * r + 0.148_103_976_427_480_074_59) * r + 0.689_767_334_985_100_004_55)
        * r + 1.676_384_830_183_803_849_4) * r + 2.053_191_626_637_758_821_87) * r + 1)
    value = numerator / denominator
  } else {
    r -= 5
    let numerator =
      (((((((r * 2.010_334_399_292_288_132_65e-7 + 2.711_555_568_743_487_578_15e-5) * r
        + 0.001_242_660_947_388_078_438_6) * r + 0.026_532_189_526_576_123_093) * r + 0.296_560_571_828_504_891_23)
        * r + 1.784_826_539_917_291_335_8) * r + 5.463_784_911_164_114_369_9) * r + 6.657_904_643_501_103_777_2)
    let denominator =
      (((((((r * 2.044_263_103_389_939_785_64e-15 + 1.421_511_758_316_445_888_7e-7) * r
        + 1.846_318_317_510_054_681_8e-5) * r + 7.868_691_311_456_132_591e-4) * r + 0.014_875_361_290_850_614_852_5)
        * r + 0.136_929_880_922_735_805_31) * r + 0.599_832_206_555_887_937_69) * r + 1)
    value = numerator / denominator
  }
  return q < 0 ? -value : value
}
