/// Why the response store could not do what was asked. Messages name files, never answers or
/// respondent identifiers.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file exists but is not a SQLite database, or is one that Confide did not create.
  case notAConfideDatabase(path: String)
  /// The store was written by a newer Confide, with a schema this version does not know.
  case newerVersion(path: String, found: Int, supported: Int)
  /// The secret key file beside the store is missing, unreadable or malformed.
  case badKeyFile(path: String, reason: String)
  /// A file could not be created or opened.
  case io(path: String, reason: String)
  /// Another process holds the store for writing (an import, which has the file to itself until
  /// it commits).
  case busy(path: String)
  /// SQLite reported an error (the statement's bound values are never included).
  case database(String)

  public var description: String {
    switch self {
    case .notAConfideDatabase(let path):
      "'\(path)' is not a Confide response store"
    case .newerVersion(let path, let found, let supported):
      "'\(path)' was written by a newer Confide (schema \(found); this version reads up to \(supported)); upgrade Confide"
    case .badKeyFile(let path, let reason):
      "the pseudonym key '\(path)' cannot be used: \(reason)"
    case .io(let path, let reason):
      "cannot open '\(path)': \(reason)"
    case .busy(let path):
      "'\(path)' is in use: another process is writing to it (an import holds the store until it "
        + "commits); try again when it has finished"
    case .database(let message):
      "database error: \(message)"
    }
  }
}
