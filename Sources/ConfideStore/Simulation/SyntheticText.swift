/// The free text the simulator writes: short comments of the kind people leave at the end of a
/// survey about health records, and, when asked for, synthetic direct identifiers planted in
/// them so that redaction can be demonstrated.
///
/// Every planted identifier is from a range reserved for testing or fiction, never a real
/// person's: NHS numbers from the 999 test range (with a valid modulus-11 check digit), e-mail
/// addresses at `example.org` (RFC 2606), mobile numbers from Ofcom's drama range
/// 07700 900000–900999, and the postcodes of public buildings.
enum SyntheticText {
  /// Comments in English.
  static let english: [String] = [
    "I am happy for my records to be used for research as long as my name is taken off.",
    "I would like to know exactly who can see my records and why.",
    "My GP has always been careful with my information, and I trust them.",
    "I don't trust private companies with health data, whatever the NHS says.",
    "It should be easy to see who has looked at my record.",
    "I opted out of data sharing a few years ago and I am still not sure it worked.",
    "Sharing records between hospitals saves time; I have had to repeat my history too often.",
    "I worry that information about my mental health could be used against me at work.",
    "Please tell people more clearly how the national data opt-out works.",
    "I did not go to the sexual health clinic because I did not want it on my GP record.",
    "Research using health records saved my father's life, so I am all for it.",
    "The government should not be able to use medical records for immigration checks.",
    "I have no problem with my data being used to plan services.",
    "Nobody ever asked me whether my records could be shared.",
    "I would trust it more if the data stayed inside the NHS.",
    "Friends of mine have stopped seeing their GP because they are afraid of what gets passed on.",
    "The letters about data sharing are too long and full of jargon.",
    "I think the benefits outweigh the risks if there are proper safeguards.",
    "I want to be able to choose which parts of my record are shared.",
    "Data breaches in other organisations make me nervous about one big system.",
    "My records were wrong once and it took months to get them corrected.",
    "Anonymised data can sometimes be traced back to people, so I am cautious.",
    "I am more worried about scammers than about the NHS.",
    "Doctors need the full picture to treat you properly.",
  ]

  /// Comments in Welsh, used now and then when the survey is in Welsh. (A fluent translator
  /// should review these.)
  static let welsh: [String] = [
    "Rwy'n hapus i'm cofnodion gael eu defnyddio ar gyfer ymchwil os nad oes enw arnyn nhw.",
    "Dylai'r GIG ddweud wrthym pwy sy'n gweld ein cofnodion.",
    "Dydw i ddim yn ymddiried mewn cwmnïau preifat gyda fy ngwybodaeth iechyd.",
    "Mae fy meddyg teulu bob amser wedi parchu fy mhreifatrwydd.",
    "Hoffwn i allu dewis pa rannau o'm cofnod sy'n cael eu rhannu.",
  ]

  /// Postcodes of public buildings (Parliament, the Senedd, Holyrood, Stormont, Downing Street,
  /// Buckingham Palace): full postcodes that identify no respondent.
  static let postcodes = ["SW1A 0AA", "CF99 1SN", "EH99 1SP", "BT4 3XX", "SW1A 2AA", "SW1A 1AA"]

  static let givenNames = ["alex", "sam", "jo", "chris", "priya", "rhys", "megan", "tomasz", "aisha", "gareth"]
  static let familyNames = ["jones", "smith", "williams", "khan", "evans", "nowak", "davies", "patel", "hughes"]

  /// A comment: Welsh with probability `welshShare`, else English.
  static func comment(welshShare: Double, using generator: inout some RandomNumberGenerator) -> String {
    if welshShare > 0, generator.bernoulli(welshShare) {
      return welsh[generator.index(below: welsh.count)]
    }
    return english[generator.index(below: english.count)]
  }

  /// `comment` with one synthetic direct identifier worked into it.
  static func withIdentifier(_ comment: String, using generator: inout some RandomNumberGenerator) -> String {
    switch generator.index(below: 4) {
    case 0:
      let number = nhsNumber(using: &generator)
      let spaced = generator.bernoulli(0.5)
      let written = spaced ? Self.spaced(number) : number
      return comment + " My NHS number is \(written) if you need to check."
    case 1:
      let given = givenNames[generator.index(below: givenNames.count)]
      let family = familyNames[generator.index(below: familyNames.count)]
      return comment + " You can e-mail me at \(given).\(family)@example.org."
    case 2:
      let line = String(generator.index(below: 1000))
      let padded = String(repeating: "0", count: 3 - line.count) + line
      return comment + " Ring me on 07700 900\(padded)."
    default:
      return comment + " I live at \(postcodes[generator.index(below: postcodes.count)])."
    }
  }

  /// A ten-digit NHS number from the test range 999 000 0000–999 999 9999 whose tenth digit is
  /// the modulus-11 check digit of the first nine.
  static func nhsNumber(using generator: inout some RandomNumberGenerator) -> String {
    while true {
      var digits = [9, 9, 9]
      for _ in 0..<6 { digits.append(generator.index(below: 10)) }
      guard let check = nhsCheckDigit(digits) else { continue }
      return (digits + [check]).map(String.init).joined()
    }
  }

  /// The modulus-11 check digit of an NHS number's first nine digits (weights 10 down to 2;
  /// 11 − remainder, 11 read as 0), or nil when it would be 10 (no valid number has those
  /// digits).
  static func nhsCheckDigit(_ digits: [Int]) -> Int? {
    var total = 0
    for (i, d) in digits.prefix(9).enumerated() { total += d * (10 - i) }
    let check = 11 - total % 11
    if check == 11 { return 0 }
    return check == 10 ? nil : check
  }

  /// `9991234567` written `999 123 4567`.
  static func spaced(_ number: String) -> String {
    let d = Array(number)
    return String(d[0..<3]) + " " + String(d[3..<6]) + " " + String(d[6...])
  }
}
