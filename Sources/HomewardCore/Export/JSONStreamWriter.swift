import Foundation
import GRDB

/// Writes JSON text in chunks to a sink, so a whole database never sits in memory as one string.
///
/// Values are written as they come: the caller places the commas and brackets. Strings are
/// escaped per RFC 8259 (quote, backslash and control characters); everything else is
/// written as UTF-8.
struct JSONStreamWriter {
    private var buffer: [UInt8] = []
    private let sink: (Data) throws -> Void
    private let chunk = 1 << 16

    init(sink: @escaping (Data) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(chunk + 4096)
    }

    mutating func raw(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        try flushIfFull()
    }

    mutating func string(_ text: String) throws {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20: buffer.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
        try flushIfFull()
    }

    /// `"key": ` before a member's value.
    mutating func key(_ name: String) throws {
        try string(name)
        try raw(": ")
    }

    mutating func strings(_ values: [String]) throws {
        try raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { try raw(", ") }
            try string(value)
        }
        try raw("]")
    }

    /// One stored value: integers and reals as numbers, text as a string, a blob as lower-case
    /// hex, NULL (and a non-finite real, which SQLite cannot hand back as a number) as null.
    mutating func value(_ value: DatabaseValue) throws {
        switch value.storage {
        case .null: try raw("null")
        case let .int64(number): try raw(String(number))
        case let .double(number): try raw(number.isFinite ? "\(number)" : "null")
        case let .string(text): try string(text)
        case let .blob(data): try string(hexString(data))
        }
    }

    /// Hands what is buffered to the sink.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() throws {
        if buffer.count >= chunk { try flush() }
    }
}
