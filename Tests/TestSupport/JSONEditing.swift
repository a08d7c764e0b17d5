import SlabTrace

/// A JSON value with one member replaced (or removed, with nil), at a path of keys and indices.
public func edit(_ json: JSON, _ path: [PathStep], _ value: JSON?) -> JSON {
    guard let step = path.first else { return value ?? .null }
    let rest = Array(path.dropFirst())
    switch (json, step) {
    case (.object(let members), .key(let k)):
        var out: [(String, JSON)] = []
        for (key, v) in members {
            if key == k {
                if rest.isEmpty, value == nil { continue }
                out.append((key, edit(v, rest, value)))
            } else {
                out.append((key, v))
            }
        }
        return .object(out)
    case (.array(var items), .index(let i)) where items.indices.contains(i):
        items[i] = edit(items[i], rest, value)
        return .array(items)
    default:
        return json
    }
}

public enum PathStep: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)
    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}

/// An ITF big integer.
public func bigint(_ s: String) -> JSON { .object([("#bigint", .string(s))]) }
