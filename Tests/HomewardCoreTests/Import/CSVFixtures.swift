@testable import HomewardCore

/// Builds CSV bytes for tests; quoting follows RFC 4180.
enum CSVFixtures {
    static func file(_ rows: [[String]], lineEnding: String = "\r\n", trailingBreak: Bool = true) -> [UInt8] {
        let lines = rows.map { $0.map(quoted).joined(separator: ",") }
        let text = lines.joined(separator: lineEnding) + (trailingBreak ? lineEnding : "")
        return Array(text.utf8)
    }

    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        else { return cell }
        return "\"" + cell.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A header and `count` inquiry-like rows; every seventh has a two-line note and every
    /// eleventh a note with a comma and quotes.
    static func inquiryRows(_ count: Int) -> [[String]] {
        let header = ["family_name", "given_name", "date_of_birth", "region", "notes"]
        let body = (0..<count).map { index -> [String] in
            var note = ""
            if index % 7 == 3 { note = "Перший рядок\nдругий рядок \(index)" }
            if index % 11 == 5 { note = "Бачили, позивний \"Кіт\" \(index)" }
            return ["Шевченко\(index)", "Олена", "1990-0\(index % 9 + 1)-15", "Донецька", note]
        }
        return [header] + body
    }

    /// The line where each row of `rows` starts (header included) when written by `file`.
    static func startLines(of rows: [[String]]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        for row in rows {
            lines.append(line)
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count }
        }
        return lines
    }

    /// Replaces the bytes of the first occurrence of `marker` in `bytes` with `replacement`.
    static func replacing(_ marker: String, with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        let needle = Array(marker.utf8)
        guard let start = (0...(bytes.count - needle.count)).first(where: {
            bytes[$0..<($0 + needle.count)].elementsEqual(needle)
        }) else { return bytes }
        var result = bytes
        result.replaceSubrange(start..<(start + needle.count), with: replacement)
        return result
    }
}
