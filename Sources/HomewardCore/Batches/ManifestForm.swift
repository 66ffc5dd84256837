import Foundation

/// One manifest row as typed (CSV cells by column name).
public struct ManifestForm: Sendable, Equatable {
    public var tag: String?
    public var kind: String?
    public var name: String?
    public var serviceNumber: String?
    public var sex: String?
    public var ageMin: String?
    public var ageMax: String?
    public var recoveryRegion: String?
    public var recoveryPlace: String?
    public var recoveryDate: String?
    public var effects: String?
    public var notes: String?

    public init() {}

    /// The CSV columns of `batch import-manifest`.
    public static var columns: [(name: String, keyPath: WritableKeyPath<ManifestForm, String?>)] {[
        ("tag", \.tag), ("kind", \.kind), ("name", \.name), ("service_number", \.serviceNumber), ("sex", \.sex),
        ("age_min", \.ageMin), ("age_max", \.ageMax), ("recovery_region", \.recoveryRegion),
        ("recovery_place", \.recoveryPlace), ("recovery_date", \.recoveryDate), ("effects", \.effects), ("notes", \.notes),
    ]}

    public static let requiredColumns: Set<String> = ["tag", "kind"]
}

/// A checked manifest row.
struct ValidRecord: Sendable {
    var tag: String
    var kind: RecordKind
    var name: String?
    var serviceNumber: String?
    var sex: Sex
    var ageMin: Int?
    var ageMax: Int?
    var region: String?
    var place: String?
    var recoveryDate: CalendarDate?
    var effects: String?
    var notes: String?
}

/// What a manifest row is checked against: the batch it joins.
struct ManifestContext: Sendable {
    var code: String
    var date: CalendarDate
    var kind: BatchKind

    /// Remains come in remains batches; living people in exchanges and civilian returns.
    func accepts(_ record: RecordKind) -> Bool {
        (kind == .remains) == (record == .remains)
    }
}

extension ManifestForm {
    func validate(regions: RegionDirectory, today: CalendarDate, batch: ManifestContext) -> Result<ValidRecord, FieldProblems> {
        var problems = [FieldProblem]()
        func problem(_ field: String, _ message: String) { problems.append(FieldProblem(field: field, message: message)) }
        let tag = Cell.clean(self.tag)
        if let tag {
            if tag.contains("/") || tag.count > 64 || Cell.problem(tag, multiline: false) != nil {
                problem("tag", "must be one line of at most 64 characters without '/'")
            }
        } else {
            problem("tag", "required; the tag or case number of the remains or returnee")
        }
        var kind: RecordKind?
        if let cell = Cell.clean(self.kind) {
            kind = RecordKind(rawValue: cell.lowercased())
            if kind == nil {
                problem("kind", QuotedValue.isNot(cell, "a record kind") + "; use remains or returnee")
            } else if let kind, !batch.accepts(kind) {
                problem("kind", "\(kind.rawValue) does not belong in \(batch.code), a \(batch.kind.rawValue) batch")
            }
        } else {
            problem("kind", "required; use remains or returnee")
        }
        var sex = Sex.unknown
        if let cell = Cell.clean(self.sex) {
            if let parsed = Sex(cell: cell) { sex = parsed } else { problem("sex", QuotedValue.isNot(cell, "a sex") + "; use male, female or unknown") }
        }
        func age(_ field: String, _ cell: String?) -> Int? {
            guard let cell = Cell.clean(cell) else { return nil }
            guard let value = Int(cell), (0...120).contains(value) else {
                problem(field, QuotedValue.isNot(cell, "an age") + "; use a whole number from 0 to 120")
                return nil
            }
            return value
        }
        let ageMin = age("age_min", self.ageMin)
        let ageMax = age("age_max", self.ageMax)
        if let ageMin, let ageMax, ageMin > ageMax { problem("age_max", "\(ageMax) is below age_min \(ageMin)") }
        var region: String?
        if let cell = Cell.clean(recoveryRegion) {
            do { region = try regions.resolve(cell).code } catch { problem("recovery_region", error.localizedDescription) }
        }
        var date: CalendarDate?
        if let cell = Cell.clean(recoveryDate) {
            if let parsed = CalendarDate(cell), parsed <= today {
                date = parsed
                if batch.date < parsed { problem("recovery_date", "\(parsed) is after the batch date \(batch.date)") }
            } else {
                problem("recovery_date", DateProblem.explain(cell, forms: "YYYY-MM-DD", today: today))
            }
        }
        func text(_ field: String, _ value: String?, limit: Int) -> String? {
            FreeText.check(field, value, limit: limit, into: &problems)
        }
        let name = text("name", self.name, limit: 200)
        let serviceNumber = text("service_number", self.serviceNumber, limit: 40)
        let place = text("recovery_place", recoveryPlace, limit: 200)
        let effects = text("effects", self.effects, limit: 4000)
        let notes = text("notes", self.notes, limit: 4000)
        guard problems.isEmpty, let tag, let kind else { return .failure(FieldProblems(list: problems)) }
        return .success(ValidRecord(
            tag: tag, kind: kind, name: name, serviceNumber: serviceNumber, sex: sex, ageMin: ageMin, ageMax: ageMax,
            region: region, place: place, recoveryDate: date, effects: effects, notes: notes))
    }
}
