/// Something an import accepted but a coordinator should look at: a row that may concern a
/// person already recorded, an implausible date, a count that differs from the batch's.
public struct ImportWarning: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The row's line in the file, or nil for a warning about the whole file.
    public var line: Int?
    /// The inquiry the row may duplicate, when there is one.
    public var reference: String?
    /// Why, in words; never personal data.
    public var reason: String

    public init(line: Int? = nil, reference: String? = nil, reason: String) {
        self.line = line
        self.reference = reference
        self.reason = reason
    }

    public var description: String {
        switch (line, reference) {
        case let (line?, reference?): "line \(line) may concern the person of \(reference) (\(reason))"
        case let (line?, nil): "line \(line): \(reason)"
        case let (nil, reference?): "\(reference): \(reason)"
        case (nil, nil): reason
        }
    }

    enum CodingKeys: String, CodingKey { case line, reference, reason }

    /// Absent values are written as `null`, so every warning has the same fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(reference, forKey: .reference)
        try container.encode(reason, forKey: .reason)
    }
}

/// Warnings of one import, each kept up to a limit and the rest counted.
struct ImportWarnings {
    /// How many warnings a summary lists; the rest are counted.
    static let listed = 100

    private(set) var list = [ImportWarning]()
    private(set) var omitted = 0

    mutating func append(_ warning: ImportWarning) {
        if list.count < Self.listed { list.append(warning) } else { omitted += 1 }
    }

    mutating func append(contentsOf warnings: some Sequence<ImportWarning>) {
        for warning in warnings { append(warning) }
    }

    var count: Int { list.count + omitted }
}
