/// A set of 64-bit fingerprints of the respondent identifiers read from a file, while the
/// respondent index is deferred (see ``BatchWriter``): a fingerprint not in the set proves the
/// identifier new, so its pseudonym (a function of it) too, and the row the respondent's first in
/// the file. Two identifiers that share a fingerprint only cost building the index early.
///
/// Fingerprints are taken with a seed chosen at random for each process (``fingerprint(_:)``),
/// so they serve as their own hashes in an open-addressing table, and, like the identifiers,
/// they live in memory only. Memory is bounded: the table stops at ``maximumCount`` entries
/// (64 MiB of slots), after which ``insertIfNew(_:)`` declines (and the writer builds the index).
struct RespondentFingerprints {
  /// The most fingerprints the set holds.
  static let maximumCount = 1 << 22

  /// Slots of the table, 0 for empty (a fingerprint of 0 is kept as 1: a false match only costs
  /// building the index early).
  private var slots: [UInt64]
  private(set) var count = 0

  init() { slots = [UInt64](repeating: 0, count: 1 << 16) }

  /// The fingerprint of an identifier, as keyed (``PseudonymKey/normalized(_:)``): a hash of its
  /// UTF-8 bytes, so that identifiers with different fingerprints have different pseudonyms.
  static func fingerprint(_ identifier: String) -> UInt64 {
    var hasher = Hasher()
    var identifier = identifier
    identifier.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    return UInt64(truncatingIfNeeded: hasher.finalize())
  }

  /// Adds `fingerprint` and returns true if it was not in the set and the set had room;
  /// otherwise changes nothing and returns false.
  mutating func insertIfNew(_ fingerprint: UInt64) -> Bool {
    if count >= Self.maximumCount { return false }
    if (count + 1) * 2 > slots.count { grow() }
    let key = fingerprint == 0 ? 1 : fingerprint
    let mask = slots.count - 1
    let added = slots.withUnsafeMutableBufferPointer { slots in
      var i = Int(truncatingIfNeeded: key) & mask
      while true {
        let slot = slots[i]
        if slot == key { return false }
        if slot == 0 {
          slots[i] = key
          return true
        }
        i = (i + 1) & mask
      }
    }
    if added { count += 1 }
    return added
  }

  /// Doubles the table (keeping it at most half full).
  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    let mask = slots.count - 1
    slots.withUnsafeMutableBufferPointer { slots in
      for key in old where key != 0 {
        var i = Int(truncatingIfNeeded: key) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = key
      }
    }
  }
}
