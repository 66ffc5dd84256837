/// Says exactly what is wrong with a date cell, for error messages.
///
/// The cell is repeated only as ``QuotedValue`` allows: a name or phone number in a date
/// column is described by its shape, never quoted.
enum DateProblem {
    /// Why `cell` is not an acceptable date; `forms` names the accepted forms for the hint.
    static func explain(_ cell: String, forms: String, today: CalendarDate) -> String {
        let text = String(Cell.trimmed(cell))
        guard let quoted = QuotedValue.quoted(text) else {
            return "\(ValueShape(text).phrase), not a date; use \(forms)"
        }
        if let separator = text.range(of: "..") {
            let from = String(text[..<separator.lowerBound]), to = String(text[separator.upperBound...])
            guard !from.isEmpty, !to.isEmpty else { return "\(quoted) is an open range; give both ends as FROM..TO" }
            if let start = PartialDate(from)?.range.from, let end = PartialDate(to)?.range.to, end < start {
                return "\(quoted) ends before it starts; write the earlier date first"
            }
            return single(PartialDate(from) == nil ? from : to, forms: forms, today: today)
        }
        return single(text, forms: forms, today: today)
    }

    private static func single(_ text: String, forms: String, today: CalendarDate) -> String {
        let quoted = QuotedValue.subject(text)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]),
              parts.dropFirst().allSatisfy({ $0.count == 2 && Int($0) != nil }) else {
            return "\(quoted) is not a date; use \(forms)"
        }
        if !(1900...2999).contains(year) { return "\(quoted): the year must be 1900 or later" }
        if parts.count >= 2, let month = Int(parts[1]), !(1...12).contains(month) {
            return "\(quoted): there is no month \(month)"
        }
        if parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]),
           !(1...CalendarDate.days(inMonth: month, year: year)).contains(day) {
            return "\(quoted): \(CalendarDate.pad(year, 4))-\(CalendarDate.pad(month, 2)) has no day \(day)"
        }
        if let date = PartialDate(text), today < date.range.from { return "\(quoted) is in the future (today is \(today))" }
        return "\(quoted) is not a date; use \(forms)"
    }
}
