/// A kind of direct identifier that ``Redactor`` removes from free text.
///
/// The raw values are the stable names used in stored counts and JSON.
///
/// ```swift
/// RedactionKind.nhsNumber.rawValue  // "nhs_number"
/// ```
///
/// - Complexity: O(1) for every operation.
public enum RedactionKind: String, Sendable, CaseIterable, Codable {
  /// A 10-digit NHS number whose modulus-11 check digit is valid; replaced by `[NHS number]`.
  case nhsNumber = "nhs_number"
  /// An e-mail address; replaced by `[email]`.
  case email
  /// A UK telephone number; replaced by `[phone]`.
  case phone
  /// A full UK postcode; cut to its outward code (`SW1A 1AA` becomes `SW1A`).
  case postcode
  /// A date written where it is someone's date of birth; replaced by `[date of birth]`.
  case dateOfBirth = "date_of_birth"
}

/// The result of redacting one free-text answer: the text to store and how many identifiers of
/// each kind were removed from it.
///
/// ```swift
/// let result = Redactor().redact("Call me on 07700 900123")
/// result.text              // "Call me on [phone]"
/// result.counts            // [.phone: 1]
/// result.total             // 1
/// ```
///
/// - Complexity: `total` is O(k), k the number of kinds with a count (at most five).
public struct Redaction: Sendable, Equatable {
  /// The text with every identifier found replaced (or, for postcodes, cut to the outward code).
  public var text: String
  /// The number of redactions of each kind; only kinds with a count above zero appear.
  public var counts: [RedactionKind: Int]

  /// The number of redactions of all kinds together.
  public var total: Int { counts.values.reduce(0, +) }

  /// A redaction result with the given text and counts.
  ///
  /// ```swift
  /// Redaction(text: "no identifiers here")  // counts [:], total 0
  /// ```
  ///
  /// - Parameters:
  ///   - text: The redacted text.
  ///   - counts: The number of redactions of each kind, only kinds above zero.
  /// - Complexity: O(1).
  public init(text: String, counts: [RedactionKind: Int] = [:]) {
    self.text = text
    self.counts = counts
  }
}

/// Finds direct identifiers in free-text survey answers and redacts them before storage.
///
/// ```swift
/// let redactor = Redactor()
/// redactor.redact("NHS no 943 476 5919, I live in SW1A 1AA, born 3 March 1985").text
/// // "NHS no [NHS number], I live in SW1A, born [date of birth]"
/// ```
///
/// What is found, in order of precedence where two could overlap:
///
/// - **E-mail addresses** (`name@example.org`, non-ASCII letters allowed) → `[email]`.
/// - **NHS numbers**: ten digits written together, as 3-3-4 with single spaces, or as 3-3-4
///   with hyphens, whose modulus-11 check digit is valid → `[NHS number]`.
/// - **UK phone numbers**: a leading `0`, `+44` or `0044` (optionally `+44 (0)`), or an area code
///   in brackets (`(020)`), then digit groups separated by single spaces or hyphens, with 9 or 10
///   digits after the `0` or `+44` (10 or 11 digits in all with the `0`) and a first digit after
///   it of 1, 2, 3, 5, 7, 8 or 9 → `[phone]`.
/// - **Dates of birth**: a full date (day and month, with or without a year) in a birth context →
///   `[date of birth]`; the context words are kept. See "Birth context" below.
/// - **UK postcodes** (full ones only, either case, with one space or none) → the outward code
///   in capitals; a lone outward code is kept. Letters follow the Royal Mail rules (first letter
///   not Q, V or X, …; inward letters not C, I, K, M, O or V), and an inward part written as a
///   lower-case ordinal (`a4 2nd`, `m4 3rd`) is read as words, not as a postcode.
///
/// Every identifier must stand alone: the characters on each side must not be letters or digits
/// (any script), and a number must not follow a decimal point (`3.9434765919`), so identifiers
/// are not found inside words or longer digit runs. Only ASCII digits are read.
///
/// **Birth context.** A date is a date of birth when it starts within four words after a cue:
/// `born`, `birth` (so `date of birth`, `birth date`), `birthday`, `birthdays`, `birthdate`,
/// `bday`, `dob`, `d.o.b.`, or the Welsh `ganwyd`, `geni`, `ngeni`, `penblwydd`, `blwydd`
/// (`pen-blwydd`). The window closes at the first date after the cue, at the end of a sentence
/// (`.`, `!` or `?` before a space, `;`, a line break) once a word has followed the cue, at a
/// bare four-digit number (the birth year was given alone, so a later date is something else),
/// and after four words. A redaction inside the window counts as one word. Dates are written
/// `3/3/1985`, `03-03-85`, `3.3.1985` (day and month in either order), `1985-03-03`,
/// `3 March 1985`, `14th Feb 1990`, `3rd of March`, `March 3, 1985` (English month names and
/// three-letter abbreviations, and the Welsh month names). A year alone, or a month and year,
/// is never redacted. Dates outside a birth context are kept.
///
/// Text without an ASCII digit or an `@` cannot hold any of these and is returned at once; so is
/// text with fewer than ten digits, no `@`, no digit followed by two letters and nothing that
/// could start a birth cue (most answers that mention a number).
///
/// Redacting already redacted text changes nothing: the replacements hold no digit and no `@`;
/// just after a replaced identifier the scan reads the text as if it already followed the
/// replacement's `]`; a redaction inside a birth context counts as one word before and after;
/// and `[date of birth]` closes the window as the date it replaced did.
///
/// - Complexity: ``redact(_:)`` is O(n) in the UTF-8 length of the text.
public struct Redactor: Sendable {
  /// A redactor with the rules described on ``Redactor``.
  ///
  /// ```swift
  /// let redactor = Redactor()
  /// ```
  ///
  /// - Complexity: O(1).
  public init() {}

  /// Redacts the direct identifiers in `text`, counting each by kind.
  ///
  /// ```swift
  /// Redactor().redact("email jo@example.org or ring 020 7946 0958").text
  /// // "email [email] or ring [phone]"
  /// ```
  ///
  /// - Parameter text: A free-text answer, in any language or script.
  /// - Returns: The redacted text and the counts of what was removed; `text` itself, with no
  ///   counts, when nothing was found.
  /// - Complexity: O(n) in the UTF-8 length of `text`; text with no ASCII digit and no `@` is
  ///   scanned once and returned without copying.
  public func redact(_ text: String) -> Redaction { redact(text, screening: true) }

  /// Redacts `text`; without `screening`, every text is scanned in full (for tests, which check
  /// that screening never changes a result).
  func redact(_ text: String, screening: Bool) -> Redaction {
    if let result = text.utf8.withContiguousStorageIfAvailable({
      Self.redact(bytes: $0, original: text, screening: screening)
    }) {
      return result
    }
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { Self.redact(bytes: $0, original: text, screening: screening) }
  }

  private static func redact(bytes: UnsafeBufferPointer<UInt8>, original: String, screening: Bool) -> Redaction {
    if screening {
      guard hasDigitOrAt(bytes), mayHoldIdentifier(bytes) else { return Redaction(text: original) }
    }
    var scanner = Scanner(bytes)
    scanner.findEmails()
    scanner.scan()
    guard !scanner.counts.isEmpty else { return Redaction(text: original) }
    return Redaction(text: scanner.finish(), counts: scanner.counts)
  }

  /// Whether the text has an ASCII digit or an `@`, without which nothing can be found.
  ///
  /// Most answers have neither, so this reads eight bytes at a time: a byte b is a digit when
  /// b ^ 0x30 < 10 and an `@` when b ^ 0x40 < 1, and a word y has a byte below k (k ≤ 128) exactly
  /// when (y − k·0x0101…01) & ~y & 0x8080…80 is not zero.
  private static func hasDigitOrAt(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    var i = 0
    while i + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let digits = word ^ (ones &* 0x30)
      let atSigns = word ^ (ones &* 0x40)
      if ((digits &- ones &* 10) & ~digits | (atSigns &- ones) & ~atSigns) & highBits != 0 { return true }
      i += 8
    }
    while i < bytes.count {
      if isDigit(bytes[i]) || bytes[i] == at { return true }
      i += 1
    }
    return false
  }

  /// Whether a text with a digit or an `@` could hold an identifier at all, so that answers with
  /// a few plain numbers ("waited 3 weeks", "10/10") skip the full scan.
  ///
  /// Each rule needs one of: an `@` (e-mail); ten ASCII digits (NHS and phone numbers have at
  /// least ten); a digit followed by two ASCII letters (a postcode's inward code); or, for a date
  /// of birth, a cue, and every cue contains `bor`, `bir`, `bda`, `dob`, `d.o`, `gen`, `gan` or
  /// `blw` (any case). This is a superset test: it may let through a text with nothing to find,
  /// never the reverse.
  private static func mayHoldIdentifier(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    var digits = 0
    for k in 0..<s.count {
      let b = s[k]
      if isDigit(b) {
        digits += 1
        if k + 2 < s.count && isLetter(s[k + 1]) && isLetter(s[k + 2]) { return true }
        continue
      }
      if b == at { return true }
      guard k + 2 < s.count else { continue }
      let next = s[k + 1] | 0x20
      let last = s[k + 2] | 0x20
      switch b | 0x20 {
      case UInt8(ascii: "b"):
        switch (next, last) {
        case (UInt8(ascii: "o"), UInt8(ascii: "r")), (UInt8(ascii: "i"), UInt8(ascii: "r")),
          (UInt8(ascii: "d"), UInt8(ascii: "a")), (UInt8(ascii: "l"), UInt8(ascii: "w")):
          return true
        default: break
        }
      case UInt8(ascii: "d"):
        if (next == UInt8(ascii: "o") && last == UInt8(ascii: "b")) || (s[k + 1] == dot && last == UInt8(ascii: "o")) {
          return true
        }
      case UInt8(ascii: "g"):
        if (next == UInt8(ascii: "e") || next == UInt8(ascii: "a")) && last == UInt8(ascii: "n") { return true }
      default: break
      }
    }
    return digits >= 10
  }
}

/// The NHS number's modulus-11 check digit.
enum NHSNumber {
  /// The check digit for the first nine digits of an NHS number, or `nil` when the check
  /// computes to 10 (no valid NHS number starts with these nine digits).
  ///
  /// Weights 10 down to 2 multiply the nine digits; the check is 11 − (sum mod 11), with 11
  /// written as 0.
  static func checkDigit(_ firstNine: [Int]) -> Int? {
    var sum = 0
    for (index, digit) in firstNine.enumerated() { sum += digit * (10 - index) }
    return checkDigit(weightedSum: sum)
  }

  static func checkDigit(weightedSum sum: Int) -> Int? {
    let check = 11 - sum % 11
    switch check {
    case 11: return 0
    case 10: return nil
    default: return check
    }
  }
}

// MARK: - Bytes

private let at = UInt8(ascii: "@")
private let space = UInt8(ascii: " ")
private let hyphen = UInt8(ascii: "-")
private let dot = UInt8(ascii: ".")
private let comma = UInt8(ascii: ",")
private let slash = UInt8(ascii: "/")
private let plus = UInt8(ascii: "+")
private let openParen = UInt8(ascii: "(")
private let closeParen = UInt8(ascii: ")")
private let openBracket = UInt8(ascii: "[")
private let zero = UInt8(ascii: "0")

@inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
@inline(__always) private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
/// Whether an ASCII byte is a letter or digit, by a bit in one of two masks (no branches).
@inline(__always) private func isAlphanumeric(_ byte: UInt8) -> Bool {
  let digits: UInt64 = 0x03FF_0000_0000_0000  // bits 48–57
  let letters: UInt64 = 0x07FF_FFFE_07FF_FFFE  // bits 1–26 and 33–58 of 64–127
  let mask = byte < 64 ? digits : byte < 128 ? letters : 0
  return (mask >> UInt64(byte & 63)) & 1 != 0
}
@inline(__always) private func lowercased(_ byte: UInt8) -> UInt8 { isLetter(byte) ? byte | 0x20 : byte }
@inline(__always) private func uppercased(_ byte: UInt8) -> UInt8 { isLetter(byte) ? byte & ~0x20 : byte }

/// Whether a scalar belongs to a word: letters, combining marks and numbers of any script.
///
/// Never inlined: the Unicode property types need run-time metadata, which would otherwise be
/// fetched on entry to every caller, even for ASCII text.
@inline(never)
private func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar.properties.generalCategory {
  case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
    .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
    return true
  default:
    return false
  }
}

private let nhsMarker: StaticString = "[NHS number]"
private let emailMarker: StaticString = "[email]"
private let phoneMarker: StaticString = "[phone]"
private let dateOfBirthMarker: StaticString = "[date of birth]"

/// Royal Mail's letter sets for each position of a postcode (capitals).
private enum PostcodeLetters {
  /// The area's first letter: not Q, V or X.
  static func first(_ c: UInt8) -> Bool { isLetter(c) && c != 0x51 && c != 0x56 && c != 0x58 }
  /// The area's second letter: not I, J or Z.
  static func second(_ c: UInt8) -> Bool { isLetter(c) && c != 0x49 && c != 0x4A && c != 0x5A }
  /// The letter after the digit in an A9A outward code: A–H, J, K, P, S, T, U or W.
  static func third(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "A")...UInt8(ascii: "H"), UInt8(ascii: "J"), UInt8(ascii: "K"), UInt8(ascii: "P"),
      UInt8(ascii: "S")...UInt8(ascii: "U"), UInt8(ascii: "W"):
      return true
    default:
      return false
    }
  }
  /// The letter after the digit in an AA9A outward code: A, B, E, H, M, N, P, R, V, W, X or Y.
  static func fourth(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "E"), UInt8(ascii: "H"), UInt8(ascii: "M"),
      UInt8(ascii: "N"), UInt8(ascii: "P"), UInt8(ascii: "R"), UInt8(ascii: "V")...UInt8(ascii: "Y"):
      return true
    default:
      return false
    }
  }
  /// A letter of the inward code: not C, I, K, M, O or V.
  static func inward(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "C"), UInt8(ascii: "I"), UInt8(ascii: "K"), UInt8(ascii: "M"), UInt8(ascii: "O"),
      UInt8(ascii: "V"):
      return false
    default:
      return isLetter(c)
    }
  }
}

// MARK: - Reading the text

/// The UTF-8 bytes of a text and the patterns read from them. Every pattern is ASCII, so cuts
/// fall on ASCII bytes and never split a multi-byte character.
private struct TextView {
  let s: UnsafeBufferPointer<UInt8>
  /// The length of the text.
  let count: Int
  /// Where the patterns must end: the length of the text, or the start of the next e-mail
  /// address, which they then see as the end of the text, just as they see `[email]` once it
  /// has been replaced.
  var n: Int
  /// The end of the last identifier replaced by a bracketed marker: looking back from there
  /// sees the marker's `]`, not the identifier's last character, as a second pass would.
  var markerEnd = -1

  init(_ s: UnsafeBufferPointer<UInt8>) {
    self.s = s
    self.count = s.count
    self.n = s.count
  }
}

extension TextView {
  // MARK: Characters

  /// The scalar starting at byte `i` and its length in bytes (the text is valid UTF-8).
  func scalar(at i: Int) -> (Unicode.Scalar, Int) {
    let b0 = UInt32(s[i])
    let value: UInt32
    let length: Int
    if b0 < 0x80 {
      return (Unicode.Scalar(UInt8(b0)), 1)
    } else if b0 < 0xE0 {
      value = (b0 & 0x1F) << 6 | UInt32(s[i + 1] & 0x3F)
      length = 2
    } else if b0 < 0xF0 {
      value = (b0 & 0x0F) << 12 | UInt32(s[i + 1] & 0x3F) << 6 | UInt32(s[i + 2] & 0x3F)
      length = 3
    } else {
      value =
        (b0 & 0x07) << 18 | UInt32(s[i + 1] & 0x3F) << 12 | UInt32(s[i + 2] & 0x3F) << 6
        | UInt32(s[i + 3] & 0x3F)
      length = 4
    }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }

  /// Whether the character at byte `i` is part of a word; false at the end.
  func isWord(at i: Int) -> Bool {
    guard i < n else { return false }
    let b = s[i]
    if b < 0x80 { return isAlphanumeric(b) }
    return isWordScalar(scalar(at: i).0)
  }

  /// Whether the character ending just before byte `i` is part of a word; false at the start.
  func isWord(before i: Int) -> Bool {
    guard i > 0, i != markerEnd else { return false }
    if s[i - 1] < 0x80 { return isAlphanumeric(s[i - 1]) }
    var start = i - 1
    while start > 0 && s[start] & 0xC0 == 0x80 { start -= 1 }
    return isWordScalar(scalar(at: start).0)
  }

  /// The end of the word starting at `i`.
  func wordEnd(from i: Int) -> Int {
    var j = i
    while j < n {
      if s[j] < 0x80 {
        guard isAlphanumeric(s[j]) else { break }
        j += 1
      } else {
        let (scalar, length) = scalar(at: j)
        guard isWordScalar(scalar) else { break }
        j += length
      }
    }
    return j
  }

  /// Whether a number may start at `i`: not inside a word or after a decimal point.
  func numberMayStart(at i: Int) -> Bool {
    if isWord(before: i) { return false }
    if i - 2 >= max(0, markerEnd) && s[i - 1] == dot && isDigit(s[i - 2]) { return false }
    return true
  }

  /// Whether a number may end at `i`: not followed by a word character. (A decimal point after
  /// it is not looked at: what follows the point may be redacted itself, and a second pass would
  /// then see `.[phone]` where the first saw `.07700…`.)
  func numberMayEnd(at i: Int) -> Bool { !isWord(at: i) }

  func allDigits(at i: Int, count: Int) -> Bool {
    guard i + count <= n else { return false }
    for j in i..<(i + count) where !isDigit(s[j]) { return false }
    return true
  }

  /// The end of the run of digits starting at `i`.
  func digitsEnd(from i: Int) -> Int {
    var j = i
    while j < n && isDigit(s[j]) { j += 1 }
    return j
  }

  /// The value of one or two digits at `i` not followed by another digit, and their end.
  func smallNumber(at i: Int) -> (value: Int, end: Int)? {
    let end = digitsEnd(from: i)
    guard end > i, end - i <= 2 else { return nil }
    return (value(i..<end), end)
  }

  func value(_ range: Range<Int>) -> Int {
    var v = 0
    for j in range { v = v &* 10 &+ Int(s[j] &- 0x30) }  // callers pass at most four digits
    return v
  }

  /// Whether the bytes at `i` are exactly `word`.
  func hasBytes(_ word: StaticString, at i: Int) -> Bool {
    let count = word.utf8CodeUnitCount
    guard i + count <= n else { return false }
    let w = word.utf8Start
    for k in 0..<count where s[i + k] != w[k] { return false }
    return true
  }

  /// Whether the bytes at `i` spell `word` (lower case), ignoring ASCII case.
  func matches(_ word: StaticString, at i: Int) -> Bool {
    let count = word.utf8CodeUnitCount
    guard i + count <= n else { return false }
    let w = word.utf8Start
    for k in 0..<count where lowercased(s[i + k]) != w[k] { return false }
    return true
  }

  func skipSpaces(from i: Int) -> Int {
    var j = i
    while j < n && s[j] == space { j += 1 }
    return j
  }

  // MARK: E-mail addresses

  func isLocalPartByte(_ b: UInt8) -> Bool {
    isAlphanumeric(b) || b == dot || b == hyphen || b == UInt8(ascii: "_") || b == UInt8(ascii: "+")
      || b == UInt8(ascii: "%")
  }

  /// The e-mail address around the `@` at `atSign`, whose local part starts at `floor` at the
  /// earliest (the end of the previous address).
  func email(around atSign: Int, after floor: Int) -> Range<Int>? {
    var start = atSign
    while start > floor {
      if s[start - 1] < 0x80 {
        guard isLocalPartByte(s[start - 1]) else { break }
        start -= 1
      } else {
        var lead = start - 1
        while lead > floor && s[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard isWordScalar(scalar(at: lead).0) else { break }
        start = lead
      }
    }
    while start < atSign && s[start] == dot { start += 1 }
    guard start < atSign else { return nil }
    var end = atSign + 1
    var labels = 0
    var best: Int? = nil
    while true {
      var j = end
      var letters = end  // the end of the label's leading letters
      while j < n {
        if s[j] < 0x80 {
          guard isAlphanumeric(s[j]) || s[j] == hyphen else { break }
          if letters == j && isLetter(s[j]) { letters = j + 1 }
          j += 1
        } else {
          let (scalar, length) = scalar(at: j)
          guard isWordScalar(scalar) else { break }
          if letters == j { letters = j + length }
          j += length
        }
      }
      while j > end && s[j - 1] == hyphen { j -= 1 }
      guard j > end else { break }
      labels += 1
      // The top-level label is made of letters; after it, "-based" or "0AA" is not the address's.
      if labels >= 2 && letters - end >= 2 { best = letters }
      end = j
      guard end + 1 < n, s[end] == dot, isWord(at: end + 1) else { break }
      end += 1
    }
    guard let best else { return nil }
    return start..<best
  }

  /// Whether the byte at `i` ends a sentence: `.`, `!` or `?` before white space or the end,
  /// `;`, or a line break.
  func endsSentence(at i: Int) -> Bool {
    switch s[i] {
    case UInt8(ascii: ";"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
      return true
    case dot, UInt8(ascii: "!"), UInt8(ascii: "?"):
      return i + 1 == count || s[i + 1] == space || s[i + 1] == UInt8(ascii: "\n") || s[i + 1] == UInt8(ascii: "\t")
        || s[i + 1] == UInt8(ascii: "\r")
    default:
      return false
    }
  }

  // MARK: Patterns

  /// An NHS number at `i`: 10 digits together, or 3-3-4 with single spaces or hyphens, with a
  /// valid check digit.
  func nhsNumber(at i: Int) -> Int? {
    guard allDigits(at: i, count: 3) else { return nil }
    var j = i + 3
    var separator: UInt8? = nil
    if j < n && (s[j] == space || s[j] == hyphen) {
      separator = s[j]
      j += 1
    }
    let second = j
    guard allDigits(at: second, count: 3) else { return nil }
    j += 3
    if let separator {
      guard j < n && s[j] == separator else { return nil }
      j += 1
    }
    let third = j
    guard allDigits(at: third, count: 4) else { return nil }
    j += 4
    guard numberMayEnd(at: j) else { return nil }
    var sum = 0
    for k in 0..<9 {
      let position = k < 3 ? i + k : k < 6 ? second + k - 3 : third + k - 6
      sum += Int(s[position] &- 0x30) * (10 - k)
    }
    guard let check = NHSNumber.checkDigit(weightedSum: sum), check == Int(s[third + 3] &- 0x30) else { return nil }
    return j
  }

  /// A UK phone number at `i` (a `+`, `(` or `0`): returns its end.
  func phone(at i: Int) -> Int? {
    var j = i
    var digits = 0
    if s[i] == plus || hasBytes("0044", at: i) {
      if s[i] == plus {
        guard hasBytes("44", at: i + 1) else { return nil }
        j = i + 3
      } else {
        j = i + 4
      }
      if j < n && (s[j] == space || s[j] == hyphen) { j += 1 }
      if hasBytes("(0)", at: j) {
        j += 3
        if j < n && s[j] == space { j += 1 }
      } else if j < n && s[j] == zero {
        j += 1  // "+44 07700 900123": the trunk 0 written anyway
      }
    } else if s[i] == openParen {
      guard i + 1 < n, s[i + 1] == zero else { return nil }
      let end = digitsEnd(from: i + 2)
      digits = end - (i + 2)
      guard (1...5).contains(digits), end < n, s[end] == closeParen else { return nil }
      guard isFirstDigitOfNumber(s[i + 2]) else { return nil }
      j = end + 1
      if j < n && s[j] == space { j += 1 }
      guard j < n && isDigit(s[j]) else { return nil }
    } else {
      guard s[i] == zero else { return nil }
      j = i + 1
    }
    if digits == 0 {
      guard j < n, isFirstDigitOfNumber(s[j]) else { return nil }
    }
    // Groups of digits separated by single spaces or hyphens, stopping before a group that
    // would make the number too long (it belongs to what follows).
    var end = digitsEnd(from: j)
    digits += end - j
    guard end > j, digits <= 10 else { return nil }
    while end + 1 < n && (s[end] == space || s[end] == hyphen) && isDigit(s[end + 1]) {
      let groupEnd = digitsEnd(from: end + 1)
      let length = groupEnd - (end + 1)
      guard length >= 2, digits + length <= 10 else { break }
      digits += length
      end = groupEnd
    }
    guard digits >= 9, numberMayEnd(at: end) else { return nil }
    return end
  }

  /// UK numbers start 01, 02, 03, 05, 07, 08 or 09.
  func isFirstDigitOfNumber(_ b: UInt8) -> Bool {
    isDigit(b) && b != zero && b != UInt8(ascii: "4") && b != UInt8(ascii: "6")
  }

  /// A full UK postcode at `i` (a letter starting the word that ends at `e`): returns its end
  /// and the range of its outward code.
  func postcode(at i: Int, wordEnd e: Int) -> (end: Int, outward: Range<Int>)? {
    let length = e - i
    guard length >= 2, length <= 7 else { return nil }
    // Every outward code but GIR has a digit second or third: most words fail here.
    guard isDigit(s[i + 1]) || (length > 2 && isDigit(s[i + 2])) || (length > 2 && isGIR(i..<(i + 3))) else {
      return nil
    }
    var end: Int
    let outward: Range<Int>
    if length >= 5 {
      outward = i..<(e - 3)
      guard isOutwardCode(outward), isInwardCode(at: e - 3, after: outward) else { return nil }
      end = e
    } else {
      outward = i..<e
      guard isOutwardCode(outward), e < n, s[e] == space, isInwardCode(at: e + 1, after: outward),
        !isWord(at: e + 4)
      else { return nil }
      end = e + 4
    }
    // A second inward code straight after ("AB1 2CD 3EF") goes too, so that redacting twice
    // gives the same text.
    while end < n && s[end] == space && isInwardCode(at: end + 1, after: outward) && !isWord(at: end + 4) {
      end += 4
    }
    return (end, outward)
  }

  /// Whether `range` is an outward code: A9, A99, AA9, AA99, A9A, AA9A, or GIR.
  func isOutwardCode(_ range: Range<Int>) -> Bool {
    func c(_ k: Int) -> UInt8 { uppercased(s[range.lowerBound + k]) }
    if isGIR(range) { return true }
    guard PostcodeLetters.first(c(0)) else { return false }
    switch range.count {
    case 2:
      return isDigit(c(1))
    case 3:
      if isDigit(c(1)) { return isDigit(c(2)) || PostcodeLetters.third(c(2)) }
      return PostcodeLetters.second(c(1)) && isDigit(c(2))
    case 4:
      return PostcodeLetters.second(c(1)) && isDigit(c(2)) && (isDigit(c(3)) || PostcodeLetters.fourth(c(3)))
    default:
      return false
    }
  }

  /// Whether `range` is `GIR` (Girobank's `GIR 0AA`), any case.
  func isGIR(_ range: Range<Int>) -> Bool {
    range.count == 3 && matches("gir", at: range.lowerBound)
  }

  /// An inward code (digit, two letters) at `i`; `0AA` only after `GIR`. A lower-case ordinal
  /// (`1st`, `2nd`, `3rd`, `4th`) is read as a word.
  func isInwardCode(at i: Int, after outward: Range<Int>) -> Bool {
    guard i + 3 <= n, isDigit(s[i]) else { return false }
    let first = uppercased(s[i + 1])
    let second = uppercased(s[i + 2])
    guard PostcodeLetters.inward(first), PostcodeLetters.inward(second) else { return false }
    if isGIR(outward) { return s[i] == zero && first == UInt8(ascii: "A") && second == UInt8(ascii: "A") }
    let isLowerCase = s[i + 1] >= UInt8(ascii: "a") && s[i + 2] >= UInt8(ascii: "a")
    return !(isLowerCase && ordinalSuffix(at: i + 1) != nil)
  }

  /// A birth cue starting at `i`, in the word ending at `end`: returns the cue's end.
  ///
  /// `born`, `birth`, `birthday`, `birthdays`, `birthdate`, `bday`, `dob`, `d.o.b`, `d.o.b.`, and
  /// the Welsh `ganwyd`, `geni`, `ngeni`, `penblwydd`, `blwydd`; any case.
  func cue(at i: Int, wordEnd end: Int) -> Int? {
    let cues: [StaticString]
    switch (lowercased(s[i]), end - i) {
    case (UInt8(ascii: "d"), 1):
      guard matches("d.o.b", at: i) else { return nil }
      // "d.o.b." ends at its full stop ("d.o.b.03/03/1985"); "d.o.b" needs a word boundary.
      if i + 5 < n && s[i + 5] == dot { return i + 6 }
      return isWord(at: i + 5) ? nil : i + 5
    case (UInt8(ascii: "d"), 3): cues = ["dob"]
    case (UInt8(ascii: "b"), 4): cues = ["born", "bday"]
    case (UInt8(ascii: "b"), 5): cues = ["birth"]
    case (UInt8(ascii: "b"), 6): cues = ["blwydd"]
    case (UInt8(ascii: "b"), 8): cues = ["birthday"]
    case (UInt8(ascii: "b"), 9): cues = ["birthdays", "birthdate"]
    case (UInt8(ascii: "g"), 4): cues = ["geni"]
    case (UInt8(ascii: "g"), 6): cues = ["ganwyd"]
    case (UInt8(ascii: "n"), 5): cues = ["ngeni"]
    case (UInt8(ascii: "p"), 9): cues = ["penblwydd"]
    default: return nil
    }
    return cues.contains(where: { matches($0, at: i) }) ? end : nil
  }

  /// An English or Welsh month name or English abbreviation forming a whole word at `i`:
  /// returns its end.
  func monthName(at i: Int) -> Int? {
    guard i < n, isLetter(s[i]) else { return nil }
    let end = wordEnd(from: i)
    let names: [StaticString]
    switch end - i {
    case 3:
      names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mai"]
    case 4: names = ["june", "july", "sept", "awst", "medi"]
    case 5: names = ["march", "april"]
    case 6: names = ["august", "ionawr", "ebrill", "mawrth", "hydref"]
    case 7: names = ["january", "october", "rhagfyr", "mehefin"]
    case 8: names = ["february", "november", "december", "chwefror", "tachwedd"]
    case 9: names = ["september"]
    case 10: names = ["gorffennaf"]
    default: return nil
    }
    return names.contains(where: { matches($0, at: i) }) ? end : nil
  }

  /// A two- or four-digit year at `i`: returns its end.
  func year(at i: Int) -> Int? {
    let end = digitsEnd(from: i)
    guard end - i == 2 || end - i == 4, numberMayEnd(at: end) else { return nil }
    return end
  }

  /// An English ordinal suffix (`st`, `nd`, `rd`, `th`, any case) at `i`: returns its end.
  func ordinalSuffix(at i: Int) -> Int? {
    guard i + 2 <= n else { return nil }
    switch (lowercased(s[i]), lowercased(s[i + 1])) {
    case (UInt8(ascii: "s"), UInt8(ascii: "t")), (UInt8(ascii: "n"), UInt8(ascii: "d")),
      (UInt8(ascii: "r"), UInt8(ascii: "d")), (UInt8(ascii: "t"), UInt8(ascii: "h")):
      return i + 2
    default:
      return nil
    }
  }

  /// A full date (at least a day and a month) starting at `i`: returns its end.
  func date(at i: Int) -> Int? {
    guard isDigit(s[i]) else { return monthFirstDate(at: i) }
    let firstEnd = digitsEnd(from: i)
    guard firstEnd - i <= 4 else { return nil }
    let first = value(i..<firstEnd)
    if firstEnd - i == 4 {
      // 1985-03-03
      guard firstEnd < n, isDateSeparator(s[firstEnd]),
        let month = smallNumber(at: firstEnd + 1), (1...12).contains(month.value),
        month.end < n, s[month.end] == s[firstEnd],
        let day = smallNumber(at: month.end + 1), (1...31).contains(day.value),
        numberMayEnd(at: day.end)
      else { return nil }
      return day.end
    }
    guard firstEnd - i <= 2, (1...31).contains(first), firstEnd < n else { return nil }
    if isDateSeparator(s[firstEnd]) {
      // 3/3/1985, 03-03-85, 3.3.1985: day and month in either order.
      guard let second = smallNumber(at: firstEnd + 1), second.end < n,
        s[second.end] == s[firstEnd], let end = year(at: second.end + 1),
        (1...12).contains(second.value) || ((1...31).contains(second.value) && first <= 12)
      else { return nil }
      return end
    }
    // 3 March 1985, 14th Feb 1990, 3rd of March
    var j = ordinalSuffix(at: firstEnd) ?? firstEnd
    guard !isWord(at: j) else { return nil }
    let afterDay = skipSpaces(from: j)
    guard afterDay > j else { return nil }
    j = afterDay
    if matches("of ", at: j) { j = skipSpaces(from: j + 3) }
    guard let monthEnd = monthName(at: j) else { return nil }
    return optionalYear(after: monthEnd) ?? monthEnd
  }

  /// `March 3, 1985`, `Feb 14th 1990`, `March 3`.
  func monthFirstDate(at i: Int) -> Int? {
    guard var j = monthName(at: i) else { return nil }
    if j < n && s[j] == dot { j += 1 }
    let dayStart = skipSpaces(from: j)
    guard dayStart > j, let day = smallNumber(at: dayStart), (1...31).contains(day.value) else { return nil }
    let end = ordinalSuffix(at: day.end) ?? day.end
    guard numberMayEnd(at: end) else { return nil }
    return optionalYear(after: end) ?? end
  }

  func isDateSeparator(_ b: UInt8) -> Bool { b == slash || b == hyphen || b == dot }

  /// A year after a day and month: `[.][,] 1985`.
  func optionalYear(after i: Int) -> Int? {
    var j = i
    if j < n && s[j] == dot { j += 1 }
    if j < n && s[j] == comma { j += 1 }
    let yearStart = skipSpaces(from: j)
    guard yearStart > j else { return nil }
    return year(at: yearStart)
  }
}

// MARK: - The pass

/// One left-to-right pass over a text, building the redacted copy as identifiers are found.
private struct Scanner {
  var text: TextView
  /// Start and end of each e-mail address, found before the main pass (they are anchored on
  /// the `@`, not on their first character).
  var emails: [Range<Int>] = []
  var counts: [RedactionKind: Int] = [:]
  var output: [UInt8] = []
  var copied = 0

  init(_ s: UnsafeBufferPointer<UInt8>) { text = TextView(s) }

  // MARK: Output

  /// Replaces an identifier by its marker.
  mutating func replace(_ range: Range<Int>, with marker: StaticString, kind: RedactionKind) {
    copy(upTo: range.lowerBound)
    output.append(contentsOf: UnsafeBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount))
    copied = range.upperBound
    counts[kind, default: 0] += 1
  }

  /// Cuts a postcode to its outward code, in capitals.
  mutating func cutPostcode(_ range: Range<Int>, outward: Range<Int>) {
    copy(upTo: range.lowerBound)
    for j in outward { output.append(uppercased(text.s[j])) }
    copied = range.upperBound
    counts[.postcode, default: 0] += 1
  }

  mutating func copy(upTo end: Int) {
    if output.isEmpty { output.reserveCapacity(text.count) }
    output.append(contentsOf: text.s[copied..<end])
  }

  mutating func finish() -> String {
    output.append(contentsOf: text.s[copied..<text.count])
    return String(decoding: output, as: UTF8.self)
  }

  /// Finds every e-mail address: a local part and a domain with at least two labels and an
  /// alphabetic top-level label, around an `@`.
  mutating func findEmails() {
    guard text.s.contains(at) else { return }
    var i = 0
    while i < text.count {
      guard text.s[i] == at else {
        i += 1
        continue
      }
      if let range = text.email(around: i, after: emails.last?.upperBound ?? 0) {
        emails.append(range)
        i = range.upperBound
      } else {
        i += 1
      }
    }
  }

  /// The main pass: numbers, postcodes and dates of birth, with the e-mail addresses found
  /// before it, and the birth-context window.
  mutating func scan() {
    // The view is a local, so that reading it never copies the scanner.
    var view = text
    var i = 0
    var emailIndex = 0
    /// Words since the last birth cue, or `nil` outside a birth context.
    var wordsSinceCue: Int? = nil

    func countWord(_ wordsSinceCue: inout Int?) {
      guard let words = wordsSinceCue else { return }
      wordsSinceCue = words < 4 ? words + 1 : nil
    }

    var nextEmail = emails.first?.lowerBound ?? view.count
    view.n = nextEmail
    while i < view.count {
      if i == nextEmail {
        let range = emails[emailIndex]
        replace(range, with: emailMarker, kind: .email)
        view.markerEnd = range.upperBound
        emailIndex += 1
        nextEmail = emailIndex < emails.count ? emails[emailIndex].lowerBound : view.count
        view.n = nextEmail
        countWord(&wordsSinceCue)
        i = range.upperBound
        continue
      }
      let b = view.s[i]
      if b < 0x80 && !isAlphanumeric(b) {
        // Between words.
        if (b == plus || b == openParen) && view.numberMayStart(at: i), let end = view.phone(at: i) {
          replace(i..<end, with: phoneMarker, kind: .phone)
          view.markerEnd = end
          countWord(&wordsSinceCue)
          i = end
          continue
        }
        if b == openBracket {
          if view.hasBytes(dateOfBirthMarker, at: i) {
            wordsSinceCue = nil
            i += dateOfBirthMarker.utf8CodeUnitCount
            continue
          }
          if let marker = [nhsMarker, emailMarker, phoneMarker].first(where: { view.hasBytes($0, at: i) }) {
            countWord(&wordsSinceCue)
            i += marker.utf8CodeUnitCount
            continue
          }
        }
        if let words = wordsSinceCue, words > 0, view.endsSentence(at: i) { wordsSinceCue = nil }
        i += 1
        continue
      }
      let tokenEnd = min(view.wordEnd(from: i), nextEmail)
      guard tokenEnd > i else {
        // A non-ASCII character that is not part of a word.
        i += view.scalar(at: i).1
        continue
      }
      if b < 0x80 && !view.isWord(before: i) {
        if isDigit(b) && view.numberMayStart(at: i) {
          if let end = view.nhsNumber(at: i) {
            replace(i..<end, with: nhsMarker, kind: .nhsNumber)
            view.markerEnd = end
            countWord(&wordsSinceCue)
            i = end
            continue
          }
          if b == zero, let end = view.phone(at: i) {
            replace(i..<end, with: phoneMarker, kind: .phone)
            view.markerEnd = end
            countWord(&wordsSinceCue)
            i = end
            continue
          }
        }
        if wordsSinceCue != nil, let end = view.date(at: i) {
          replace(i..<end, with: dateOfBirthMarker, kind: .dateOfBirth)
          view.markerEnd = end
          wordsSinceCue = nil
          i = end
          continue
        }
        if isLetter(b) {
          if let match = view.postcode(at: i, wordEnd: tokenEnd) {
            cutPostcode(i..<match.end, outward: match.outward)
            countWord(&wordsSinceCue)
            i = match.end
            continue
          }
          if let end = view.cue(at: i, wordEnd: tokenEnd) {
            wordsSinceCue = 0
            i = end
            continue
          }
        }
        if wordsSinceCue != nil && tokenEnd - i == 4 && view.allDigits(at: i, count: 4) {
          // A year given alone: a later date is not the birth date.
          wordsSinceCue = nil
        }
      }
      countWord(&wordsSinceCue)
      i = tokenEnd
    }
  }
}
