import SlabModel

/// `cover: <branch> …` or `cover: all`: the branches an exploration must reach.
extension SpecParser {
    mutating func readCover(_ value: Value) {
        let items = value.items
        let names = Branch.allCases.map(\.rawValue)
        guard !items.isEmpty else {
            report(
                "expected `all` or branch names after `cover:`; branches are \(Suggestion.choices(names))",
                at: value.start)
            return
        }
        for item in items {
            if item.text == "all" {
                if items.count > 1 {
                    report("`all` cannot be combined with branch names", at: item.location)
                } else {
                    cover = Branch.allCases.map { ($0, item.location) }
                }
                continue
            }
            guard let branch = Branch(rawValue: item.text) else {
                report(
                    "unknown branch \(item.quoted)" + Suggestion.hint(for: item.text, among: names), at: item.location)
                continue
            }
            guard !cover.contains(where: { $0.branch == branch }) else {
                report("branch `\(branch.rawValue)` is listed twice", at: item.location)
                continue
            }
            cover.append((branch, item.location))
        }
    }
}
