/// A set of property indices (into `Model.propertyNames`), as a bitmask: checked once per
/// transition, so it must cost nothing to build and test.
public struct PropertySet: OptionSet, Hashable, Sendable {
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public init(index: Int) { self.rawValue = 1 << UInt64(index) }

    public static func all(count: Int) -> PropertySet {
        PropertySet(rawValue: count >= 64 ? ~0 : (1 << UInt64(count)) - 1)
    }

    public var indices: [Int] { (0..<64).filter { rawValue & (1 << UInt64($0)) != 0 } }
}
