import HomewardCore

extension DemoRun {
    /// One family report per language, each for a family whose language it is where the
    /// story has one: Ukrainian and English for identified persons, Russian for a search
    /// still ongoing. Written by the coordinator as new 0600 files beside the database.
    func writeReports() throws {
        let homeward = try store
        let coordinator = try actor(DemoStaff.coordinator)
        let identified = identifiedReferences
        func identifiedCase(_ language: ReportLanguage) -> String? {
            (identified.first { cast.language(of: $0.person) == language } ?? identified.first)?.reference
        }
        let choices: [(ReportLanguage, String?)] = [
            (.uk, identifiedCase(.uk)), (.en, identifiedCase(.en)), (.ru, try ongoingCase(.ru)),
        ]
        for (language, reference) in choices {
            guard let reference else { continue }
            let path = story.reportPath(language)
            _ = try homeward.familyReport(coordinator, reference: reference, format: .html, language: language, toFile: path)
            reports.append(DemoOutcome.Report(reference: reference, language: language.rawValue, path: path,
                                              identified: identified.contains { $0.reference == reference }))
        }
    }

    /// The coordinators' statistics page and the page of the batch the identifications are
    /// in, in Ukrainian, as new 0600 files beside the database.
    func writeCoordinatorReports() throws {
        let homeward = try store
        let coordinator = try actor(DemoStaff.coordinator)
        _ = try homeward.statsReport(coordinator, format: .html, language: .uk, toFile: story.statsPath)
        coordinatorReports.append(story.statsPath)
        guard let code = identified.first.map({ String($0.prefix { $0 != "/" }) }) ?? batches.last(where: { $0.manifestRecords > 0 })?.code else { return }
        _ = try homeward.batchReport(coordinator, code: code, format: .html, language: .uk, toFile: story.batchReportPath)
        coordinatorReports.append(story.batchReportPath)
    }

    /// An open inquiry of a family speaking `language` whose person no link has settled.
    private func ongoingCase(_ language: ReportLanguage) throws -> String? {
        let open = try store.inquiries(try actor(DemoStaff.coordinator), filter: InquiryFilter(status: "open"))
        let byName = Dictionary(open.map { ("\($0.familyName) \($0.givenName) \($0.lastSeen)", $0.reference) }) { first, _ in first }
        for (number, person) in cast.people.enumerated() where cast.hasInquiry(number) && cast.language(of: number) == language {
            if let reference = byName["\(person.family) \(person.given) \(CalendarDay.text(person.lastSeen))"] { return reference }
        }
        return open.first?.reference
    }
}
