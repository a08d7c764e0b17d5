/// "Did you mean" hints for misspelled keys, events, variants and property names.
enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    ///
    /// A case-insensitive match wins outright (`batchCount`, `sharedlimit`). Otherwise the
    /// distance allowed grows with the candidate's length (a third of it, at least 1), so short
    /// keys such as `num` are not suggested for unrelated words. Transpositions count as one edit.
    /// Words much longer than every candidate are rejected before any distance is computed, so a
    /// megabyte-long token costs nothing.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let target = Array(candidate.lowercased().unicodeScalars)
            let allowed = max(1, target.count / 3)
            guard abs(lowered.count - target.count) <= allowed else { continue }
            let distance = editDistance(lowered, target)
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance: Levenshtein plus adjacent transpositions.
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow: [Int] = []
        var row = Array(0...b.count)
        for i in 1...a.count {
            var next = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    next[j] = min(next[j], previousRow[j - 2] + 1)
                }
            }
            previousRow = row
            row = next
        }
        return row[b.count]
    }

    /// `; did you mean `x`?` when something is close, else nothing: for places where the
    /// message already says what is expected.
    static func didYouMean(_ word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }

    /// A did-you-mean when something is close, else every valid choice, so the author is never
    /// left guessing.
    static func hint(for word: String, among candidates: [String]) -> String {
        let suggestion = didYouMean(word, among: candidates)
        return suggestion.isEmpty ? "; expected one of \(choices(candidates))" : suggestion
    }

    static func choices(_ candidates: [String]) -> String {
        candidates.map { "`\($0)`" }.joined(separator: ", ")
    }
}
