import CZ3

extension Term {
    /// The same expression in `target`, constants matched by name: a term a worker thread built in
    /// a context of its own can join the main context's terms, and be hash-consed with them.
    public func translated(to target: Context) throws(Z3Error) -> Term {
        if target === context { return self }
        let result = Z3_translate(context.raw, raw, target.raw)
        try context.check()
        return try target.wrap(result)
    }
}
