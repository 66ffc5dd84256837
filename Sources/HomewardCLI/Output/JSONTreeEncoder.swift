/// Encodes any `Encodable` into a ``JSONValue``, writing `null` for every optional without a
/// value. Swift's synthesized `Codable` leaves such fields out (`encodeIfPresent`), and a
/// consumer could not tell "unknown" from "not part of this output"; here every field a type
/// declares is always present, whichever type (or engineer) added it.
enum JSONTreeEncoder {
    static func encode(_ value: some Encodable) throws -> JSONValue {
        let root = JSONNode()
        try value.encode(to: TreeEncoder(root, codingPath: []))
        return root.value
    }
}

/// A value under construction; containers keep a reference to the node they fill.
final class JSONNode {
    private enum Shape { case unset, scalar(JSONValue), object, array }
    private var shape = Shape.unset
    private var members = [String: JSONNode]()
    private var items = [JSONNode]()

    var value: JSONValue {
        switch shape {
        case .unset: .null
        case let .scalar(value): value
        case .object: .object(members.mapValues(\.value))
        case .array: .array(items.map(\.value))
        }
    }

    func set(_ value: JSONValue) { shape = .scalar(value) }

    /// A member of this object (which it becomes, keeping members already encoded).
    func member(_ key: String) -> JSONNode {
        becomeObject()
        let node = JSONNode()
        members[key] = node
        return node
    }

    func appended() -> JSONNode {
        becomeArray()
        let node = JSONNode()
        items.append(node)
        return node
    }

    var count: Int { items.count }

    func becomeObject() { if case .object = shape {} else { shape = .object } }
    func becomeArray() { if case .array = shape {} else { shape = .array } }
}

private struct TreeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ node: JSONNode, codingPath: [any CodingKey]) {
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedTree<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedTree(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleTree(node: node, codingPath: codingPath)
    }
}

/// The JSON form of the standard library's scalar types.
private enum Scalar {
    static func number(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }
    static func number(_ value: Double) throws -> JSONValue { .number(try JSONValue.numeral(value)) }

    static func encode(_ value: some Encodable, into node: JSONNode, codingPath: [any CodingKey]) throws {
        if let json = value as? JSONValue { return node.set(json) }
        try value.encode(to: TreeEncoder(node, codingPath: codingPath))
    }
}

private struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [any CodingKey]

    private func put(_ value: JSONValue, _ key: Key) { node.member(key.stringValue).set(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try Scalar.number(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try Scalar.number(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(Scalar.number(value), key) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        try Scalar.encode(value, into: node.member(key.stringValue), codingPath: codingPath + [key])
    }

    // The point of this encoder: an absent optional is written as null, not left out.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try orNull(value, key) }
    mutating func encodeIfPresent(_ value: (some Encodable)?, forKey key: Key) throws { try orNull(value, key) }

    private mutating func orNull(_ value: (some Encodable)?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(node.member("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(node.member(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedTree: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    private func put(_ value: JSONValue) { node.appended().set(value) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try Scalar.number(value)) }
    mutating func encode(_ value: Float) throws { put(try Scalar.number(Double(value))) }
    mutating func encode(_ value: Int) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: Int8) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: Int16) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: Int32) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: Int64) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: UInt) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: UInt8) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: UInt16) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: UInt32) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: UInt64) throws { put(Scalar.number(value)) }
    mutating func encode(_ value: some Encodable) throws {
        try Scalar.encode(value, into: node.appended(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(node.appended(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeEncoder(node.appended(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(node.appended(), codingPath: codingPath)
    }
}

private struct SingleTree: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { node.set(try Scalar.number(value)) }
    mutating func encode(_ value: Float) throws { node.set(try Scalar.number(Double(value))) }
    mutating func encode(_ value: Int) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: Int8) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: Int16) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: Int32) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: Int64) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: UInt) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: UInt8) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: UInt16) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: UInt32) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: UInt64) throws { node.set(Scalar.number(value)) }
    mutating func encode(_ value: some Encodable) throws {
        try Scalar.encode(value, into: node, codingPath: codingPath)
    }
}
