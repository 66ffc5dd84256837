import Foundation

/// A batch as typed on the command line.
public struct BatchForm: Sendable {
    public var date: String
    public var kind: String
    public var received: Int?
    public var handedOver: Int?
    public var regions: [String]
    public var transferPoint: String?
    public var agreement: String?
    /// Each `TEXT`, or `WHO|YYYY-MM-DD|TEXT` to say who announced it and when.
    public var sources: [String]

    public init(date: String, kind: String, received: Int? = nil, handedOver: Int? = nil, regions: [String],
                transferPoint: String? = nil, agreement: String? = nil, sources: [String] = []) {
        self.date = date
        self.kind = kind
        self.received = received
        self.handedOver = handedOver
        self.regions = regions
        self.transferPoint = transferPoint
        self.agreement = agreement
        self.sources = sources
    }
}

/// A source statement about a batch.
struct BatchSource: Sendable, Equatable {
    var text: String
    var saidBy: String?
    var saidOn: CalendarDate?

    /// Parses `TEXT` or `WHO|DATE|TEXT` (either of WHO and DATE may be empty).
    static func parse(_ cell: String) -> Result<BatchSource, FieldProblem> {
        let parts = cell.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            .map { String(Cell.trimmed($0)) }
        guard parts.count == 3 else {
            let text = String(Cell.trimmed(cell))
            return text.isEmpty
                ? .failure(FieldProblem(field: "source", message: "empty; give the announcement text"))
                : .success(BatchSource(text: text))
        }
        var date: CalendarDate?
        if !parts[1].isEmpty {
            guard let parsed = CalendarDate(parts[1]) else {
                return .failure(FieldProblem(field: "source", message: QuotedValue.isNot(parts[1], "a date") + "; use WHO|YYYY-MM-DD|TEXT"))
            }
            date = parsed
        }
        guard !parts[2].isEmpty else {
            return .failure(FieldProblem(field: "source", message: "no text after WHO|DATE|; give the announcement text"))
        }
        return .success(BatchSource(text: parts[2], saidBy: parts[0].isEmpty ? nil : parts[0], saidOn: date))
    }
}
