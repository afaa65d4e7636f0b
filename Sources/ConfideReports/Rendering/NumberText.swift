/// The number formatting every renderer shares, so a figure reads the same in every format.
///
/// **Rounding** is half away from zero on the *shortest decimal* that reads back as the stored `Double`
/// (the digits Swift prints for it): 2.675 is shown as 2.68 and −0.125 as −0.13 at two places, as a
/// researcher checking by hand expects, even though the nearest binary value to 2.675 lies just below it.
/// A value that rounds to zero is printed without a sign.
///
/// **Minus signs** are a parameter: renderers for people (text, Markdown) pass the typographic minus
/// `−` (U+2212), LaTeX passes `$-$`, and machine formats (CSV, JSON) use ``roundTrip(_:)``, which is ASCII.
enum NumberText {
  /// The typographic minus sign, U+2212.
  static let typographicMinus = "\u{2212}"

  /// `value` times 10^`shift`, rounded half away from zero to `decimals` places, with `minus` before a
  /// negative result and, when `grouping` is set, commas between thousands ("1,234.5"). Non-finite values
  /// are "NA".
  ///
  /// The shift is done on the decimal digits, not in binary, so that a stored proportion of 0.0745 is
  /// 7.45 percent and rounds to 7.5 (0.0745 × 100 in `Double` arithmetic is 7.449999999999999).
  /// - Complexity: O(number of digits)
  static func fixed(_ value: Double, shift: Int = 0, decimals: Int, minus: String, grouping: Bool = false) -> String {
    guard value.isFinite else { return "NA" }
    let decimals = max(decimals, 0)
    var (digits, pointPosition) = shortestDigits(value.magnitude)
    pointPosition += shift
    let keep = pointPosition + decimals
    var kept: [UInt8]
    if keep < 0 {
      kept = []
    } else if keep >= digits.count {
      kept = digits + [UInt8](repeating: 0, count: keep - digits.count)
    } else {
      kept = Array(digits[..<keep])
      if digits[keep] >= 5 {
        var index = kept.count - 1
        while index >= 0 && kept[index] == 9 {
          kept[index] = 0
          index -= 1
        }
        if index >= 0 { kept[index] += 1 } else { kept.insert(1, at: 0) }
      }
    }
    if kept.count < decimals + 1 {
      kept = [UInt8](repeating: 0, count: decimals + 1 - kept.count) + kept
    }
    let integerDigits = kept[..<(kept.count - decimals)].drop { $0 == 0 }
    var integer = integerDigits.isEmpty ? "0" : String(integerDigits.map { Character(String($0)) })
    if grouping { integer = grouped(integer) }
    let fraction = String(kept[(kept.count - decimals)...].map { Character(String($0)) })
    let isZero = !kept.contains { $0 != 0 }
    let sign = value < 0 && !isZero ? minus : ""
    return sign + integer + (decimals > 0 ? "." + fraction : "")
  }

  /// A whole number with commas between thousands, such as "1,234", and `minus` before a negative one.
  static func integer(_ value: Int, minus: String) -> String {
    (value < 0 ? minus : "") + grouped(String(value.magnitude))
  }

  /// The shortest ASCII decimal that reads back as exactly `value` (Swift's `description`), such as
  /// "0.234", "1e-05" or "412.0"; "NaN", "Inf" and "-Inf" for non-finite values.
  static func roundTrip(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
    return value.description
  }

  /// A p-value as researchers print it: "<0.001" below 0.001, otherwise three decimals.
  static func pValue(_ p: Double) -> String {
    p < 0.001 ? "<0.001" : fixed(p, decimals: 3, minus: "-")
  }

  /// A confidence level as a percentage without trailing zeros: 0.95 as "95", 0.995 as "99.5".
  static func level(_ level: Double) -> String {
    var text = fixed(level, shift: 2, decimals: 2, minus: "-")
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// Degrees of freedom: whole numbers as they are, others to one decimal place, joined by ", ".
  static func degreesOfFreedom(_ values: [Double], minus: String) -> String {
    values.map { value in
      value.rounded() == value && value.magnitude < 1e15
        ? fixed(value, decimals: 0, minus: minus) : fixed(value, decimals: 1, minus: minus)
    }.joined(separator: ", ")
  }

  /// The decimal digits of a finite, non-negative value's shortest representation and the position of
  /// the decimal point (the number of digits before it, which may be negative or beyond the digits).
  private static func shortestDigits(_ value: Double) -> (digits: [UInt8], pointPosition: Int) {
    let text = value.description
    let parts = text.split(separator: "e", maxSplits: 1)
    let mantissa = parts.first ?? ""
    let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    var digits: [UInt8] = []
    var pointPosition: Int?
    for character in mantissa {
      if character == "." {
        pointPosition = digits.count
      } else if let digit = character.wholeNumberValue {
        digits.append(UInt8(digit))
      }
    }
    var position = (pointPosition ?? digits.count) + exponent
    while let first = digits.first, first == 0, digits.count > 1 {
      digits.removeFirst()
      position -= 1
    }
    return (digits, position)
  }

  /// Inserts commas between groups of three digits of a string of digits.
  private static func grouped(_ digits: String) -> String {
    var result = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return result
  }
}
