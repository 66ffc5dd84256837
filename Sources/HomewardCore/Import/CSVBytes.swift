/// Byte-level facts about CSV input that CSV.swift does not report: the byte order mark,
/// where the first invalid UTF-8 sequence is, and on which line a byte lies.
enum CSVBytes {
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// The input without a leading UTF-8 byte order mark.
    static func droppingByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes.dropFirst(3))
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil when
    /// all of `bytes` is valid UTF-8.
    static func firstInvalidUTF8Offset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// The 1-based line on which the byte at `offset` lies. LF, CRLF and a lone CR each end
    /// a line, as they end a record for CSV.swift.
    static func line(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        1 + lineBreaks(in: UnsafeBufferPointer(rebasing: bytes[..<offset]))
    }

    /// The number of line breaks in `bytes`, counting CRLF once.
    static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == lineFeed {
                count += 1
            } else if byte == carriageReturn, index + 1 == bytes.endIndex || bytes[index + 1] != lineFeed {
                count += 1
            }
        }
        return count
    }
}
