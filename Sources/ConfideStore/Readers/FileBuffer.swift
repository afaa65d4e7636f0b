#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file read in blocks into one growable buffer, so that a reader can scan bytes in place.
///
/// The unconsumed bytes are `base[start..<end]`. ``refill()`` moves them to the front of the
/// buffer (growing it when they fill it) and reads the next block after them, so a reader that
/// runs out of bytes in the middle of a record refills and scans the record again from `start`.
/// Memory stays at about one block plus the longest record, whatever the file's size.
///
/// A class because it owns the file descriptor and the buffer, both released in `deinit`.
final class FileBuffer {
  /// The size of one read (256 KiB).
  static let blockSize = 256 * 1024

  /// The file's path, for messages.
  let path: String
  private let descriptor: Int32
  /// The buffer; valid bytes are `base[0..<end]`.
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  /// The first byte not yet consumed by the reader.
  var start = 0
  /// One past the last byte read.
  private(set) var end = 0
  /// Whether the whole file has been read into the buffer.
  private(set) var isAtEndOfFile = false
  /// Bytes read from the file so far.
  private(set) var totalRead = 0

  /// Bytes of the file the reader has consumed.
  var consumed: Int { totalRead - (end - start) }
  /// The unconsumed bytes, valid until the next ``refill()``.
  var unconsumed: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base + start, count: end - start) }

  /// Reading stops (as at the end of the file) once this many bytes are read.
  private let limit: Int

  /// Opens `path` and reads its first block; with a `limit`, reads no more than that many
  /// bytes (for sniffing a file's format).
  init(path: String, blockSize: Int = FileBuffer.blockSize, limit: Int = .max) throws(ImportError) {
    self.path = path
    self.limit = limit
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw ImportError.cannotOpen(path, errno: errno) }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw ImportError.cannotOpen(path, errno: EISDIR)
    }
    descriptor = fd
    capacity = max(blockSize, 16)
    base = Self.allocate(capacity)
    _ = try refill()
  }

  /// Bytes after the buffer's capacity that may be read (as zeros) but never hold data, so
  /// that a scanner can load a few bytes at once from any position.
  static let padding = 8

  private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
    let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + padding)
    memory.initialize(repeating: 0, count: capacity + padding)
    return memory
  }

  deinit {
    close(descriptor)
    base.deallocate()
  }

  /// Keeps the unconsumed bytes, moving them to the front of the buffer, and reads more after
  /// them; returns false when the file has no more bytes.
  @discardableResult
  func refill() throws(ImportError) -> Bool {
    if isAtEndOfFile { return false }
    let kept = end - start
    if start > 0 {
      if kept > 0 { base.update(from: base + start, count: kept) }
      start = 0
      end = kept
    }
    if end == capacity {
      let larger = Self.allocate(capacity * 2)
      larger.update(from: base, count: end)
      base.deallocate()
      base = larger
      capacity *= 2
    }
    if totalRead >= limit {
      isAtEndOfFile = true
      return false
    }
    while true {
      let n = read(descriptor, base + end, min(capacity - end, limit - totalRead))
      if n < 0 {
        if errno == EINTR { continue }
        throw ImportError.cannotOpen(path, errno: errno)
      }
      if n == 0 {
        isAtEndOfFile = true
        return false
      }
      end += n
      totalRead += n
      return true
    }
  }

  /// Reads until at least `count` unconsumed bytes are buffered or the file ends.
  func fill(atLeast count: Int) throws(ImportError) {
    while end - start < count, try refill() {}
  }
}

/// Checks the beginning of a file that should be text: a UTF-8 byte-order mark is skipped (by
/// advancing `buffer.start`); NUL bytes, a UTF-16 byte-order mark, a zip archive (an Excel
/// workbook) or a SQLite database are refused.
func checkTextStart(_ buffer: FileBuffer) throws(ImportError) {
  var bytes = buffer.unconsumed
  if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
    buffer.start += 3
    bytes = buffer.unconsumed
  }
  if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
    throw ImportError(file: buffer.path, message: ImportError.utf16)
  }
  if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
    throw ImportError(file: buffer.path, message: ImportError.zipArchive)
  }
  if bytes.starts(with: Array("SQLite format 3".utf8)) {
    throw ImportError(file: buffer.path, message: ImportError.sqliteFile)
  }
  if bytes.contains(0) { throw ImportError(file: buffer.path, message: ImportError.binary) }
}
