import Foundation

/// A number without trailing zeros: 5, 0.2, 2.5.
func number(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
  var text = String(format: "%.6f", value)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text
}

/// A number with a fixed number of decimals.
func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

/// An integer with thousands separators: 12,345.
func grouped(_ value: Int) -> String {
  let digits = String(abs(value))
  var out = ""
  for (index, character) in digits.enumerated() {
    if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
    out.append(character)
  }
  return value < 0 ? "-" + out : out
}
