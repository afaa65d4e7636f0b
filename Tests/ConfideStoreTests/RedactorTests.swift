import Testing

@testable import ConfideStore

private let redactor = Redactor()

/// The redacted text of `text`.
private func redacted(_ text: String) -> String { redactor.redact(text).text }

@Suite struct RedactorTests {
  // MARK: NHS numbers

  @Test func checkDigitIsModulus11() {
    #expect(NHSNumber.checkDigit([9, 4, 3, 4, 7, 6, 5, 9, 1]) == 9)
    #expect(NHSNumber.checkDigit([4, 0, 1, 0, 2, 3, 2, 1, 3]) == 7)
    #expect(NHSNumber.checkDigit([9, 8, 7, 6, 5, 4, 3, 2, 1]) == 0, "11 is written as 0")
    #expect(NHSNumber.checkDigit([1, 2, 3, 4, 5, 6, 7, 8, 9]) == nil, "10 means no valid number")
  }

  @Test(arguments: [
    "9434765919", "943 476 5919", "943-476-5919", "4010232137", "401 023 2137", "4505577104", "9876543210",
    "1234567881",
  ])
  func validNHSNumbers(_ number: String) {
    let result = redactor.redact("My NHS number is \(number).")
    #expect(result.text == "My NHS number is [NHS number].")
    #expect(result.counts == [.nhsNumber: 1])
    #expect(result.total == 1)
  }

  @Test(arguments: [
    "9434765918", "943 476 5910", "943-476-5911", "4010232136",
    // The check computes to 10 for 123456789: no last digit makes it valid.
    "1234567890", "1234567891", "1234567895", "123 456 7899",
  ])
  func invalidNHSNumbersAreKept(_ number: String) {
    let text = "My NHS number is \(number)."
    #expect(redacted(text) == text)
  }

  @Test(arguments: [
    "19434765919", "94347659190", "943 476 59190", "943 476-5919", "3.9434765919", "ab9434765919",
    "9434765919th",
  ])
  func nhsNumbersInsideLongerRunsAreKept(_ text: String) {
    #expect(redacted(text) == text)
  }

  @Test func nhsNumbersAreCheckedBeforePhoneNumbers() {
    // 0123456789 has a valid check digit and also looks like a 10-digit phone number.
    #expect(redactor.redact("ref 0123456789").counts == [.nhsNumber: 1])
    // With a wrong check digit, a number that fits the phone rule is a phone number.
    #expect(redactor.redact("ref 0123456788").counts == [.phone: 1])
  }

  // MARK: Phone numbers

  @Test(arguments: [
    "07700 900123", "07700900123", "07700-900-123", "+44 7700 900123", "+447700900123", "+44 (0)20 7946 0958",
    "+44(0)20 7946 0958", "+44 020 7946 0958", "0044 20 7946 0958", "020 7946 0958", "(020) 7946 0958",
    "0161 496 0000", "01632 960001", "(01632) 960001", "016977 4321",
  ])
  func phoneNumbers(_ number: String) {
    let result = redactor.redact("Ring me on \(number), thanks")
    #expect(result.text == "Ring me on [phone], thanks")
    #expect(result.counts == [.phone: 1])
  }

  @Test(arguments: [
    "0770 090 01",  // 9 digits in all
    "077009001234",  // 12 digits
    "07700 9001234",
    "+44 77009001234",
    "+33 1 23 45 67 89",  // not UK
    "04700 900123",  // no UK numbers start 04
    "00700 900123",
    "1.07700900123",
    "x07700900123",
  ])
  func phoneLookalikesAreKept(_ text: String) {
    #expect(redacted(text) == text)
  }

  @Test func aPhoneNumberStopsBeforeAFollowingNumber() {
    #expect(redacted("0161 496 0000 12 times") == "[phone] 12 times")
  }

  // MARK: Postcodes

  @Test(arguments: [
    ("SW1A 1AA", "SW1A"), ("sw1a1aa", "SW1A"), ("M1 1AE", "M1"), ("m11ae", "M1"), ("B33 8TH", "B33"),
    ("CR2 6XH", "CR2"), ("DN55 1PT", "DN55"), ("EC1A 1BB", "EC1A"), ("W1A 0AX", "W1A"), ("GIR 0AA", "GIR"),
    ("gir0aa", "GIR"), ("cf10 1ep", "CF10"), ("B1 1ST", "B1"),
  ])
  func postcodesAreCutToTheOutwardCode(_ postcode: String, _ outward: String) {
    let result = redactor.redact("I live at \(postcode).")
    #expect(result.text == "I live at \(outward).")
    #expect(result.counts == [.postcode: 1])
  }

  @Test(arguments: [
    "I live in SW1A.", "Near M1 and the A1.", "CF10, Cardiff", "a B12 injection", "XSW1A 1AA", "SW1A 1AAB",
    "SW1A 1AAé", "éSW1A 1AA", "QA1 1AA", "SW1A 1CA", "GIR 1AA", "on the M4 2nd time", "a4 3rd", "covid19 jab",
    "mp3 player", "abc123",
  ])
  func postcodeLookalikesAreKept(_ text: String) {
    #expect(redacted(text) == text)
  }

  @Test func postcodesNextToEmojiAreFound() {
    #expect(redacted("🏠SW1A 1AA🏠") == "🏠SW1A🏠")
  }

  // MARK: E-mail addresses

  @Test(arguments: [
    "jo@example.org", "Jo.Bloggs+nhs@mail.example.co.uk", "o_brien-2@nhs.net", "siân@enghraifft.cymru",
    "name@sub-domain.example.com",
  ])
  func emailAddresses(_ address: String) {
    let result = redactor.redact("write to \(address).")
    #expect(result.text == "write to [email].")
    #expect(result.counts == [.email: 1])
  }

  @Test(arguments: ["@nhs", "me @ home", "a@b", "x@y.c", "5 @ £3", "email@", "@example.org"])
  func emailLookalikesAreKept(_ text: String) {
    #expect(redacted(text) == text)
  }

  @Test func emailAddressesWinOverNumbersInside() {
    #expect(redactor.redact("07700900123@sms.example.com").counts == [.email: 1])
    #expect(redactor.redact("<born1985@example.org> 3/3/85").text == "<[email]> 3/3/85")
    #expect(redacted("jo@example.org.07700900123") == "[email].[phone]")
    // The address starts at "85": the date is "3 March", as it is once the address is replaced.
    #expect(redacted("born 3 March 85jo@example.org") == "born [date of birth] [email]")
  }

  // MARK: Dates of birth

  @Test(arguments: [
    ("born 3 March 1985", "born [date of birth]"),
    ("DOB: 03/03/1985", "DOB: [date of birth]"),
    ("d.o.b. 3-3-85", "d.o.b. [date of birth]"),
    ("D.O.B 3.3.1985", "D.O.B [date of birth]"),
    ("date of birth 1985-03-03", "date of birth [date of birth]"),
    ("my birthday is 14th Feb 1990", "my birthday is [date of birth]"),
    ("I was born on 12/11/1979", "I was born on [date of birth]"),
    ("I was born on the 3rd of March 1985 in Swansea", "I was born on the [date of birth] in Swansea"),
    ("Born March 3, 1985.", "Born [date of birth]."),
    ("birth date: Feb. 14th 1990", "birth date: [date of birth]"),
    ("born in Cardiff on 3/3/85", "born in Cardiff on [date of birth]"),
    ("born 12/31/1985", "born [date of birth]"),
    ("my birthday is the 25th of December", "my birthday is the [date of birth]"),
    ("Date of birth:\n03/03/1985", "Date of birth:\n[date of birth]"),
    ("dyddiad geni 3 Mawrth 1985", "dyddiad geni [date of birth]"),
    ("Ganwyd fi ar 03/03/1985", "Ganwyd fi ar [date of birth]"),
  ])
  func datesOfBirth(_ text: String, _ expected: String) {
    let result = redactor.redact(text)
    #expect(result.text == expected)
    #expect(result.counts == [.dateOfBirth: 1])
  }

  @Test(arguments: [
    "my appointment on 12/03/2026",
    "seen 3 March 2024, waited 6 weeks",
    "born in 1985",  // a year alone
    "born in March 1985",  // a month and year
    "born in 1985, seen on 12/03/2026",  // a bare year closes the context
    "I was born here. My appointment is 12/03/2026",  // the sentence ended
    "born in a small village near the coast on 3/3/85",  // more than four words between
    "born 32/13/1985",  // not a date
    "born 3 times",
    "reborn 3/3/85",
    "newborn on 3/3/85",
  ])
  func datesOutsideABirthContextAreKept(_ text: String) {
    #expect(redacted(text) == text)
  }

  @Test func onlyTheFirstDateAfterACueIsTheBirthDate() {
    #expect(
      redacted("born 3/3/85, appointment 12/03/2026")
        == "born [date of birth], appointment 12/03/2026")
  }

  // MARK: Several identifiers, plain numbers, other scripts

  @Test func severalIdentifiersAreCountedByKind() {
    let text = """
      NHS no 943 476 5919 (or 4010232137?), email jo@example.org, ring 07700 900123 or \
      +44 (0)20 7946 0958. I live at CF10 1EP, born 3 March 1985.
      """
    let result = redactor.redact(text)
    #expect(
      result.text == """
        NHS no [NHS number] (or [NHS number]?), email [email], ring [phone] or \
        [phone]. I live at CF10, born [date of birth].
        """)
    #expect(result.counts == [.nhsNumber: 2, .email: 1, .phone: 2, .postcode: 1, .dateOfBirth: 1])
    #expect(result.total == 7)
  }

  @Test(arguments: [
    "I waited 3 weeks and 2 days",
    "It cost £1,250.00 in 2019",
    "Scored 10/10, would recommend",
    "Rated 4.5 out of 5",
    "Between 1990 and 2020 things changed",
    "Ward 12, bed 7, 100% better",
    "Called 111 then 999",
    "Population 67,000,000",
    "My reference is 1234567",
  ])
  func plainNumbersAreKept(_ text: String) {
    let result = redactor.redact(text)
    #expect(result.text == text)
    #expect(result.counts.isEmpty)
    #expect(result.total == 0)
  }

  @Test(arguments: [
    "Rwy'n ymddiried yn y GIG i ddefnyddio fy nata'n gyfrifol.",
    "Mae'r meddyg teulu'n gwrando, ond mae'r aros yn hir iawn — dros ddwy flynedd a hanner.",
    "Dw i'n poeni am breifatrwydd; ŵyr, ŷd, â, ê, î, ô, û, ẁ, ẃ, ẅ, ỳ.",
    "Great service 👍🏽 thank you 🙏",
    "Diolch yn fawr 🏴󠁧󠁢󠁷󠁬󠁳󠁿 — gwasanaeth ardderchog, 10 allan o 10",
  ])
  func welshAndEmojiAreUntouched(_ text: String) {
    let result = redactor.redact(text)
    #expect(result.text == text)
    #expect(result.counts.isEmpty)
  }

  @Test func accentsAndEmojiAroundRedactionsSurvive() {
    #expect(
      redacted("Ffoniwch fi 📞 07700 900123 — diolch, Siân ❤️")
        == "Ffoniwch fi 📞 [phone] — diolch, Siân ❤️")
    #expect(redacted("Côd post: CF10 1EP 🏴󠁧󠁢󠁷󠁬󠁳󠁿") == "Côd post: CF10 🏴󠁧󠁢󠁷󠁬󠁳󠁿")
  }

  @Test func textWithoutDigitsOrAtSignsIsReturnedAsIs() {
    let text = "No identifiers here, only words: born, phone, postcode, e-mail."
    #expect(redactor.redact(text) == Redaction(text: text))
    #expect(redactor.redact("") == Redaction(text: ""))
  }

  // MARK: Idempotence

  @Test(arguments: [
    "NHS 943 476 5919, call 07700 900123, jo@example.org, SW1A 1AA, born 3 March 1985",
    "born 3/3/85, 4/4/86",
    "born [date of birth], 4 March 1986",
    "born 07700 900123 on 3/3/85",
    "born at jo@example.org on 3 March 1985 and 4 March 1986",
    "AB1 2CD 3EF and ab12cd 3ef",
    "SW1A 1AA 1st floor",
    "dob: SW1A 1AA, 4/4/86",
    "born. 3/3/85",
  ])
  func redactingTwiceChangesNothing(_ text: String) {
    let once = redactor.redact(text)
    let twice = redactor.redact(once.text)
    #expect(twice.text == once.text)
    #expect(twice.counts.isEmpty)
  }

  @Test func redactingSeededRandomTextTwiceChangesNothing() {
    var generator = SplitMix64(seed: 20_260_301)
    let pieces = [
      "born", "DOB", "d.o.b.", "birthday", "on", "the", "of", "3", "03/03/1985", "3rd", "March", "Feb.", "1985", "85",
      ",", ".", ";", "\n", "943 476 5919", "9434765918", "07700 900123", "+44", "(0)20", "7946", "0958", "SW1A",
      "1AA", "sw1a1aa", "1st", "jo@example.org", "@", "x", "siân", "👍", "[phone]", "[date of birth]", "0", "12",
      "-", "/", "(", "0044", "GIR", "0AA", "ab1", "2cd", "é", "born:", "4010232137", "3-3-85", "1985-03-03", "of",
    ]
    for _ in 0..<5000 {
      var text = ""
      for _ in 0..<Int.random(in: 1...14, using: &generator) {
        text += pieces.randomElement(using: &generator) ?? ""
        text += Bool.random(using: &generator) ? " " : ""
      }
      let once = redactor.redact(text).text
      #expect(redactor.redact(once).text == once, "\(text)")
    }
  }

  // MARK: Screening

  /// Texts with a few plain numbers skip the full scan; that must never change a result.
  @Test func screeningNeverChangesAResult() {
    var generator = SplitMix64(seed: 44)
    let pieces = [
      "born", "Born", "BIRTH", "bday", "dob", "D.O.B", "geni", "Ganwyd", "pen-blwydd", "waited", "weeks", "1", "3",
      "12", "1985", "03/03/1985", "3rd", "March", "07700", "900123", "+44", "(0)20", "7946", "0958", "943", "476",
      "5919", "SW1A", "1AA", "sw1a1aa", "GIR", "0AA", "jo@example.org", "@", "siân", "👍", ",", ".", "-", "/",
    ]
    for _ in 0..<5000 {
      var text = ""
      for _ in 0..<Int.random(in: 1...10, using: &generator) {
        text += pieces.randomElement(using: &generator) ?? ""
        text += Bool.random(using: &generator) ? " " : ""
      }
      #expect(redactor.redact(text) == redactor.redact(text, screening: false), "\(text)")
    }
  }
}

/// A small seeded generator, so that the random tests are reproducible.
private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
