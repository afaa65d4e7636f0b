import Crypto
public import Foundation

/// The per-store secret that turns respondent identifiers into keyed pseudonyms
/// (HMAC-SHA-256), kept in a file beside the database (`STORE.key`, owner-only), never inside it.
///
/// Without the key a pseudonym cannot be linked back to an identifier, even by someone holding the
/// database and a list of candidate identifiers; with it, `confide withdraw` finds a respondent by
/// the identifier they give.
public struct PseudonymKey: Sendable {
  private let key: SymmetricKey
  /// SHA-256 after absorbing the key's inner and outer pads (RFC 2104): each pseudonym copies
  /// these states instead of keying again, and feeds them bytes directly.
  private let inner: SHA256
  private let outer: SHA256

  /// The key file's path for a store at `storePath`.
  public static func path(forStore storePath: String) -> String { storePath + ".key" }

  init(key: SymmetricKey) {
    self.key = key
    // A 32-byte key is shorter than SHA-256's 64-byte block, so it is padded with zeros.
    var block = [UInt8](repeating: 0, count: SHA256.blockByteCount)
    key.withUnsafeBytes { for (i, b) in $0.enumerated() { block[i] = b } }
    var inner = SHA256()
    inner.update(data: block.map { $0 ^ 0x36 })
    var outer = SHA256()
    outer.update(data: block.map { $0 ^ 0x5C })
    self.inner = inner
    self.outer = outer
  }

  /// Reads the key beside a store, creating it (32 random bytes, mode 0600) on first use.
  public static func loadOrCreate(forStore storePath: String) throws(StoreError) -> PseudonymKey {
    let path = Self.path(forStore: storePath)
    if FileManager.default.fileExists(atPath: path) {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw .badKeyFile(path: path, reason: "it cannot be read")
      }
      guard data.count == 32 else { throw .badKeyFile(path: path, reason: "it is not a 32-byte key") }
      return PseudonymKey(key: SymmetricKey(data: data))
    }
    let key = SymmetricKey(size: .bits256)
    let bytes = key.withUnsafeBytes { Data($0) }
    // Written whole to a temporary file and then linked into place, so a process killed
    // half-way never leaves a short key behind.
    let temporary = path + ".tmp-\(getpid())"
    try? FileManager.default.removeItem(atPath: temporary)
    try OwnerOnlyFile.create(temporary, contents: bytes, sync: true)
    defer { unlink(temporary) }
    if link(temporary, path) != 0 {
      if errno == EEXIST { return try loadOrCreate(forStore: storePath) }
      throw .io(path: path, reason: String(cString: strerror(errno)))
    }
    return PseudonymKey(key: key)
  }

  /// The pseudonym of a source identifier: HMAC-SHA-256 of its UTF-8 bytes, trimmed of
  /// surrounding white space so that `" 123 "` and `"123"` are the same respondent.
  public func pseudonym(for identifier: String) -> Data {
    pseudonymValue(for: identifier).data
  }

  /// The pseudonym of a source identifier as a value, which allocates nothing to keep.
  func pseudonymValue(for identifier: String) -> Pseudonym {
    pseudonymValue(normalized: Self.normalized(identifier))
  }

  /// An identifier as it is keyed: without white space at either end.
  static func normalized(_ identifier: String) -> String {
    // Printable ASCII at both ends (the usual case) is not whitespace; otherwise ask Unicode.
    let printable = identifier.utf8.withContiguousStorageIfAvailable { bytes in
      guard let first = bytes.first, let last = bytes.last else { return false }
      return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }
    if printable != true, let first = identifier.unicodeScalars.first, let last = identifier.unicodeScalars.last,
      first.properties.isWhitespace || last.properties.isWhitespace
    {
      return identifier.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    return identifier
  }

  /// The pseudonym of an identifier already ``normalized(_:)``.
  func pseudonymValue(normalized text: String) -> Pseudonym {
    var text = text
    // HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)).
    var innerHash = inner
    text.withUTF8 { innerHash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    var outerHash = outer
    innerHash.finalize().withUnsafeBytes { outerHash.update(bufferPointer: $0) }
    return outerHash.finalize().withUnsafeBytes { Pseudonym($0) }
  }
}

/// A keyed pseudonym (32 bytes of HMAC-SHA-256) held inline, so that keeping a million of them
/// allocates nothing.
struct Pseudonym: Hashable, Sendable {
  private var words: (UInt64, UInt64, UInt64, UInt64)

  /// The pseudonym in `bytes`, which must hold 32 bytes.
  init(_ bytes: UnsafeRawBufferPointer) {
    precondition(bytes.count == 32, "a pseudonym is 32 bytes")
    words = (
      bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
      bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    )
  }

  /// The 32 bytes.
  var data: Data { withUnsafeBytes { Data($0) } }

  /// Calls `body` with the 32 bytes.
  func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    try Swift.withUnsafeBytes(of: words, body)
  }

  static func == (a: Pseudonym, b: Pseudonym) -> Bool {
    a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(words.0)
    hasher.combine(words.1)
  }
}

/// Creating files that only their owner can read or write.
enum OwnerOnlyFile {
  /// Creates `path` with mode 0600 (failing if it exists) and writes `contents`.
  static func create(_ path: String, contents: Data = Data(), sync: Bool = false) throws(StoreError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var written = 0
    while written < contents.count {
      let n = contents.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return write(fd, base.advanced(by: written), contents.count - written)
      }
      guard n > 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
      written += n
    }
    if sync, fsync(fd) != 0 { throw .io(path: path, reason: String(cString: strerror(errno))) }
  }

  /// The permission bits of a file, e.g. 0o600.
  static func permissions(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
  }
}
