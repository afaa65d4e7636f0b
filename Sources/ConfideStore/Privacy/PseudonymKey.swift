public import Crypto
public import Foundation

/// The per-store secret that turns respondent identifiers into keyed pseudonyms
/// (HMAC-SHA-256), kept in a file beside the database (`STORE.key`, owner-only), never inside it.
///
/// Without the key a pseudonym cannot be linked back to an identifier, even by someone holding the
/// database and a list of candidate identifiers; with it, `confide withdraw` finds a respondent by
/// the identifier they give.
public struct PseudonymKey: Sendable {
  private let key: SymmetricKey
  /// HMAC keyed once; each pseudonym copies this state instead of keying again.
  private let keyed: HMAC<SHA256>

  /// The key file's path for a store at `storePath`.
  public static func path(forStore storePath: String) -> String { storePath + ".key" }

  init(key: SymmetricKey) {
    self.key = key
    self.keyed = HMAC<SHA256>(key: key)
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
    var text = identifier
    if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
      first.properties.isWhitespace || last.properties.isWhitespace
    {
      text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    var mac = keyed
    text.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
    return mac.finalize().withUnsafeBytes { Data($0) }
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
