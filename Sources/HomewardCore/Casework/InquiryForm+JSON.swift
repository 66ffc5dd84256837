import Foundation

extension InquiryForm {
    /// The fields a form file may set, by object, shaped like `inquiry show --json`.
    static var jsonFields: [String: [(key: String, keyPath: WritableKeyPath<InquiryForm, String?>)]] {[
        "": [
            ("consent_tracing", \.consentTracing), ("consent_dna", \.consentDNA), ("consent_sharing", \.consentSharing),
            ("language", \.language), ("channel", \.channel), ("received_on", \.receivedOn), ("notes", \.notes),
        ],
        "person": [
            ("family_name", \.familyName), ("given_name", \.givenName), ("patronymic", \.patronymic),
            ("date_of_birth", \.dateOfBirth), ("sex", \.sex), ("service_number", \.serviceNumber), ("unit", \.unit),
            ("rank", \.rank), ("last_known_region", \.lastKnownRegion), ("last_known_place", \.lastKnownPlace),
            ("last_seen", \.dateLastSeen), ("circumstances", \.circumstances),
            ("distinguishing_features", \.distinguishingFeatures),
        ],
        "contact": [
            ("inquirer_name", \.inquirerName), ("relationship", \.relationship), ("phone", \.phone), ("email", \.email),
        ],
    ]}

    /// Fields of `inquiry show --json` that Homeward sets itself, with the way to change them.
    static let systemFields: [String: String] = [
        "reference": "references are issued by Homeward",
        "status": "use 'inquiry close', 'withdraw' or 'merge'",
        "status_reason": "give the reason to 'inquiry close' or 'withdraw'",
        "merged_into": "use 'inquiry merge'",
        "coordinator": "use --coordinator",
        "related_inquiries": "follows from merges",
        "person.latin_name": "spelt from the names",
        "person.last_known_region_name": "follows from last_known_region",
        "person.dna_reference_status": "set by the DNA workflow",
    ]

    /// The largest form accepted: a whole inquiry with every free text full is under 40 KB.
    public static let maximumJSONBytes = 256 << 10

    /// Reads an inquiry form from a JSON object shaped like `inquiry show --json`: the `person`
    /// and `contact` objects and the top-level `consent_tracing`, `consent_dna`,
    /// `consent_sharing`, `language`, `channel`, `received_on` and `notes`.
    ///
    /// Values are strings (consents may be `true`/`false`); `null` or `""` clears a field on
    /// update; an absent field is left as it is. Unknown fields and fields Homeward sets are
    /// refused by name, so that a typo does not silently drop a value. Messages never repeat
    /// values.
    /// - Throws: ``CaseworkError/invalid(_:)`` naming every field at fault, as `form.person.sex`.
    public static func fromJSON(_ data: Data) throws(CaseworkError) -> InquiryForm {
        guard data.count <= maximumJSONBytes else {
            throw .invalid([FieldProblem(field: "form", message: "larger than \(maximumJSONBytes) bytes; a form holds one inquiry")])
        }
        let parsed: FormValue
        do {
            parsed = try JSONDecoder().decode(FormValue.self, from: data)
        } catch {
            throw .invalid([FieldProblem(field: "form", message:
                "not valid JSON; write one object like 'homeward inquiry show --json' prints, in UTF-8")])
        }
        guard case let .object(object) = parsed else {
            throw .invalid([FieldProblem(field: "form", message: "must be one JSON object, like 'homeward inquiry show --json' prints")])
        }
        var form = InquiryForm()
        var problems = [FieldProblem]()
        read(object, prefix: "", into: &form, problems: &problems)
        for name in ["person", "contact"] {
            switch object[name] {
            case nil, .null?: continue
            case let .object(nested)?: read(nested, prefix: name, into: &form, problems: &problems)
            default: problems.append(FieldProblem(field: "form.\(name)", message: "must be an object of fields"))
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return form
    }

    /// Where a form field (by its CSV column / flag name) sits in a form file, e.g.
    /// `person.date_of_birth`, so that messages about a form name what its author wrote.
    public static func formPath(of field: String) -> String {
        guard let keyPath = allFields.first(where: { $0.name == field })?.keyPath else { return field }
        for (object, fields) in jsonFields {
            if let key = fields.first(where: { $0.keyPath == keyPath })?.key {
                return object.isEmpty ? key : "\(object).\(key)"
            }
        }
        return field
    }

    /// The form as the JSON object ``fromJSON(_:)`` reads: every field that is set, in its
    /// object, as a string (an empty one clears the field in an update). The two are inverses:
    /// `fromJSON(jsonData())` is the same form. The server's client sends forms this way.
    public func jsonData() -> Data {
        var root = [String: Any]()
        for (object, fields) in Self.jsonFields {
            var values = [String: String]()
            for (key, keyPath) in fields { if let value = self[keyPath: keyPath] { values[key] = value } }
            guard !values.isEmpty else { continue }
            if object.isEmpty { root.merge(values) { new, _ in new } } else { root[object] = values }
        }
        // Strings and objects of strings only: serialisation cannot fail.
        return (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    private static func read(_ object: [String: FormValue], prefix: String, into form: inout InquiryForm,
                             problems: inout [FieldProblem]) {
        let fields = jsonFields[prefix] ?? []  // computed once per object
        let known = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.keyPath) })
        for key in object.keys.sorted() {
            if prefix.isEmpty && (key == "person" || key == "contact") { continue }
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            if let why = systemFields[path] {
                problems.append(FieldProblem(field: "form.\(path)", message: "is set by Homeward and cannot be given (\(why)); remove it"))
                continue
            }
            guard let keyPath = known[key] else {
                let named = QuotedValue.quoted(key).map { "unknown field \($0)" } ?? "an unknown field (\(ValueShape(key).phrase))"
                let home = jsonFields.first { $0.key != prefix && $0.value.contains { $0.key == key } }?.key
                let hint = home.map { $0.isEmpty ? "it belongs at the top level" : "it belongs in \"\($0)\"" }
                    ?? "allowed: " + fields.map(\.key).joined(separator: ", ")
                problems.append(FieldProblem(field: prefix.isEmpty ? "form" : "form.\(prefix)", message: "\(named); \(hint)"))
                continue
            }
            switch object[key] {
            case let .string(text)?: form[keyPath: keyPath] = text
            case .null?: form[keyPath: keyPath] = ""
            case let .bool(flag)?: form[keyPath: keyPath] = flag ? "yes" : "no"
            default: problems.append(FieldProblem(field: "form.\(path)", message: "must be a string in quotes, or null to clear it"))
            }
        }
    }
}

/// Any JSON value, read without Foundation's bridging of booleans to numbers.
private enum FormValue: Decodable {
    case string(String), bool(Bool), number, null, array, object([String: FormValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if (try? container.decode(Double.self)) != nil {
            self = .number
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let object = try? container.decode([String: FormValue].self) {
            self = .object(object)
        } else {
            _ = try container.decode([FormValue].self)
            self = .array
        }
    }
}
