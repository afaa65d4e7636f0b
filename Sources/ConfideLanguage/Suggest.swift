/// Finds the closest known name to a misspelt one, for "did you mean …?" fix-its.
enum Suggest {
  /// The candidate nearest to `name` by edit distance, if it is close enough to be a likely typo.
  static func closest<S: Sequence<String>>(to name: String, in candidates: S) -> String? {
    let limit = max(1, min(3, name.count / 3))
    var best: (String, Int)?
    for candidate in candidates where candidate != name {
      let d = distance(name, candidate)
      // Ties go to the alphabetically first name, so the suggestion never depends on the
      // order the candidates come in (dictionary order varies between runs).
      if d <= limit, best.map({ d < $0.1 || (d == $0.1 && candidate < $0.0) }) ?? true {
        best = (candidate, d)
      }
    }
    return best?.0
  }

  /// Damerau–Levenshtein (optimal string alignment) distance, case-insensitive.
  static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().unicodeScalars)
    let y = Array(b.lowercased().unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev2 = [Int](repeating: 0, count: y.count + 1)
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      cur[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          cur[j] = min(cur[j], prev2[j - 2] + 1)
        }
      }
      (prev2, prev, cur) = (prev, cur, prev2)
    }
    return prev[y.count]
  }
}
