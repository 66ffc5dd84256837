import Foundation

extension InquiryForm {
    /// Checks every field and returns the normalised inquiry, or every problem found.
    ///
    /// Messages name the field and say how to fix it; they repeat values of non-personal
    /// fields only as ``QuotedValue`` allows, and never names, phones, e-mails or free text.
    /// - Parameter storedPhone: the phone already on record, kept as it is: numbers stored
    ///   before libphonenumber checked them are not rewritten or refused on every update.
    func validate(regions: RegionDirectory, today: CalendarDate, storedPhone: String? = nil) -> Result<ValidInquiry, FieldProblems> {
        var problems = [FieldProblem]()
        func problem(_ field: String, _ message: String) { problems.append(FieldProblem(field: field, message: message)) }

        let family = required("family_name", familyName, &problems)
        let given = required("given_name", givenName, &problems)
        let patronymic = text("patronymic", self.patronymic, &problems)
        let inquirer = required("inquirer_name", inquirerName, &problems)
        let relationship = required("relationship", self.relationship, &problems, limit: 100)

        var dateOfBirth: PartialDate?
        if let cell = Cell.clean(self.dateOfBirth) {
            if let date = PartialDate(cell), date.range.from <= today {
                dateOfBirth = date
            } else {
                problem("date_of_birth", DateProblem.explain(cell, forms: "YYYY, YYYY-MM or YYYY-MM-DD", today: today))
            }
        }
        var sex = Sex.unknown
        if let cell = Cell.clean(self.sex) {
            if let parsed = Sex(cell: cell) { sex = parsed } else {
                problem("sex", QuotedValue.isNot(cell, "a sex") + "; use male, female or unknown (m/f, ч/ж)")
            }
        }
        var region = ""
        if let cell = Cell.clean(lastKnownRegion) {
            do { region = try regions.resolve(cell).code } catch { problem("last_known_region", error.localizedDescription) }
        } else {
            problem("last_known_region", "required; give a region code (UA-14) or name (Donetsk)")
        }
        var lastSeen: DayRange?
        if let cell = Cell.clean(dateLastSeen) {
            if let range = DayRange(cell), range.from <= today {
                lastSeen = range
                if let birth = dateOfBirth, range.to < birth.range.from {
                    problem("date_last_seen", "\(range) is before the date of birth \(birth)")
                }
            } else {
                problem("date_last_seen", DateProblem.explain(cell, forms: "YYYY-MM-DD, YYYY-MM or FROM..TO", today: today))
            }
        } else {
            problem("date_last_seen", "required; use YYYY-MM-DD, YYYY-MM or FROM..TO")
        }
        var phone: String?
        if let cell = Cell.clean(self.phone) {
            if cell == storedPhone {
                phone = cell
            } else {
                switch PhoneNumber.parse(cell) {
                case let .success(number): phone = number
                case let .failure(reason): problem("phone", reason.description)
                }
            }
        }
        let email = Cell.clean(self.email)
        if let email, Cell.problem(email, multiline: false) != nil || !EmailAddress.isValid(email) { problem("email", "not an e-mail address; use name@example.org") }
        if Cell.clean(self.phone) == nil && email == nil {
            problem("phone", "give a phone or an e-mail (or both) so the family can be reached")
        }
        var language = "uk"
        if let cell = Cell.clean(self.language) {
            switch cell.lowercased() {
            case "uk", "ua", "ukr": language = "uk"
            case "en", "eng": language = "en"
            case "ru", "rus": language = "ru"
            default: problem("language", QuotedValue.isNot(cell, "a report language") + "; use uk, en or ru")
            }
        }
        let consentTracing = flag("consent_tracing", consentTracing, &problems)
        let consentDNA = flag("consent_dna", consentDNA, &problems)
        var channel = "hotline"
        if let cell = Cell.clean(self.channel) {
            if ["hotline", "office", "email", "partner"].contains(cell.lowercased()) { channel = cell.lowercased() } else {
                problem("channel", QuotedValue.isNot(cell, "a channel") + "; use hotline, office, email or partner")
            }
        }
        var received = today
        if let cell = Cell.clean(receivedOn) {
            // Not compared with date_last_seen: a witness may later report a sighting after the
            // family's inquiry, and DESIGN §3 warns that such dates are often wrong.
            if let date = CalendarDate(cell), date <= today {
                received = date
            } else {
                problem("received_on", DateProblem.explain(cell, forms: "YYYY-MM-DD", today: today))
            }
        }
        let serviceNumber = text("service_number", self.serviceNumber, &problems, limit: 40)
        let unit = text("unit", self.unit, &problems)
        let rank = text("rank", self.rank, &problems, limit: 100)
        let place = text("last_known_place", lastKnownPlace, &problems)
        let circumstances = text("circumstances", self.circumstances, &problems, limit: 4000)
        let features = text("distinguishing_features", distinguishingFeatures, &problems, limit: 4000)
        let sharing = text("consent_sharing", consentSharing, &problems)
        let notes = text("notes", self.notes, &problems, limit: 4000)

        guard problems.isEmpty, let family, let given, let inquirer, let relationship, let lastSeen else {
            return .failure(FieldProblems(list: problems))
        }
        let person = PersonFields(
            familyName: family, givenName: given, patronymic: patronymic,
            nameLanguage: PersonFields.nameLanguage(of: [family, given, patronymic ?? ""].joined(separator: " "), inquiryLanguage: language),
            sex: sex, dateOfBirth: dateOfBirth,
            serviceNumber: serviceNumber, unit: unit, rank: rank, region: region, place: place, lastSeen: lastSeen,
            circumstances: circumstances, features: features)
        return .success(ValidInquiry(
            person: person, inquirerName: inquirer, relationship: relationship, phone: phone, email: email,
            language: language, consentTracing: consentTracing ?? false, consentDNA: consentDNA ?? false,
            consentSharing: sharing, channel: channel, receivedOn: received, notes: notes,
            warnings: Self.plausibility(birth: dateOfBirth, lastSeen: lastSeen, received: received)))
    }

    /// The youngest and oldest a soldier is expected to be when last seen; outside them a
    /// date was probably mistyped (a birth year for the year last seen, a digit swapped).
    static let plausibleAges = 16...70

    /// Warnings for dates that can all be right but rarely are: an age at the last sighting
    /// outside ``plausibleAges``, and an inquiry received before the person was last seen
    /// (kept: a witness may report a later sighting, and DESIGN §3 warns such dates are often wrong).
    static func plausibility(birth: PartialDate?, lastSeen: DayRange, received: CalendarDate) -> [FieldProblem] {
        var warnings = [FieldProblem]()
        if let birth {
            // The age range the dates allow: oldest with the earliest birth and latest sighting.
            let youngest = age(born: birth.range.to, on: lastSeen.from)
            let oldest = age(born: birth.range.from, on: lastSeen.to)
            if oldest < plausibleAges.lowerBound {
                warnings.append(FieldProblem(field: "date_of_birth", message:
                    "makes the person at most \(oldest) when last seen (\(lastSeen)); check the year of birth"))
            } else if youngest > plausibleAges.upperBound {
                warnings.append(FieldProblem(field: "date_of_birth", message:
                    "makes the person at least \(youngest) when last seen (\(lastSeen)); check the year of birth"))
            }
        }
        if received < lastSeen.from {
            warnings.append(FieldProblem(field: "received_on", message:
                "\(received) is before the person was last seen (\(lastSeen)); check both dates"))
        }
        return warnings
    }

    /// Whole years between two days.
    private static func age(born: CalendarDate, on day: CalendarDate) -> Int {
        day.year - born.year - ((day.month, day.day) < (born.month, born.day) ? 1 : 0)
    }

    private func required(_ field: String, _ value: String?, _ problems: inout [FieldProblem], limit: Int = 200) -> String? {
        guard Cell.clean(value) != nil else {
            problems.append(FieldProblem(field: field, message: "required"))
            return nil
        }
        return text(field, value, &problems, limit: limit)
    }

    private func text(_ field: String, _ value: String?, _ problems: inout [FieldProblem], limit: Int = 200) -> String? {
        FreeText.check(field, value, limit: limit, into: &problems)
    }

    private func flag(_ field: String, _ value: String?, _ problems: inout [FieldProblem]) -> Bool? {
        guard let cell = Cell.clean(value) else { return nil }
        guard let parsed = YesNo.parse(cell) else {
            problems.append(FieldProblem(field: field, message: QuotedValue.isNot(cell, "yes/no") + "; use yes, no, true, false, 1 or 0"))
            return nil
        }
        return parsed
    }
}
