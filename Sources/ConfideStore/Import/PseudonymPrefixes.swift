/// A set of the first eight bytes of the pseudonyms read from a file, while the respondent index
/// is deferred (see ``BatchWriter``): a prefix not in the set proves a respondent's row the
/// first in the file.
///
/// Pseudonyms are HMAC outputs, so their prefixes are uniform and serve as their own hashes in
/// an open-addressing table. Memory is bounded: the table stops at ``maximumCount`` prefixes
/// (64 MiB of slots), after which ``insertIfNew(_:)`` declines (and the writer builds the index).
struct PseudonymPrefixes {
  /// The most prefixes the set holds.
  static let maximumCount = 1 << 22

  /// Slots of the table, 0 for empty (a prefix of 0 is kept as 1: a false match only costs
  /// building the index early).
  private var slots: [UInt64]
  private(set) var count = 0

  init() { slots = [UInt64](repeating: 0, count: 1 << 16) }

  /// Adds `prefix` and returns true if it was not in the set and the set had room; otherwise
  /// changes nothing and returns false.
  mutating func insertIfNew(_ prefix: UInt64) -> Bool {
    if count >= Self.maximumCount { return false }
    if (count + 1) * 2 > slots.count { grow() }
    let key = prefix == 0 ? 1 : prefix
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
