import CSV
import Foundation

/// Turns a ``BatchReport`` or ``StatsReport`` into a table, CSV, JSON or an HTML page.
///
/// Table and HTML come from one Mustache template each (coordinator.txt, coordinator.html)
/// through ``CoordinatorPage``; CSV is written by CSV.swift's writer; JSON is the report
/// itself, encoded with snake_case keys.
enum CoordinatorReportRenderer {
    static func render(batch report: BatchReport, as format: CoordinatorReportFormat, language: ReportLanguage) throws -> Data {
        switch format {
        case .json: return try json(CoordinatorReportDocument(report: "batch", content: report))
        case .csv: return try csv(batchRows(report))
        case .table, .html: return page(batchPage(report, language), format)
        }
    }

    static func render(stats report: StatsReport, as format: CoordinatorReportFormat, language: ReportLanguage) throws -> Data {
        switch format {
        case .json: return try json(CoordinatorReportDocument(report: "stats", content: report))
        case .csv: return try csv(statsRows(report))
        case .table, .html: return page(statsPage(report, language), format)
        }
    }

    // MARK: Formats

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    /// RFC 4180 with a header row and CRLF line ends; a cell a spreadsheet would run as a
    /// formula (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe.
    static func csv(_ rows: [[String]]) throws -> Data {
        let stream = OutputStream.toMemory()
        stream.open()
        defer { stream.close() }
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows {
            try writer.write(row: row.map(spreadsheetSafe))
        }
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return Data() }
        return data + Data("\r\n".utf8)
    }

    static func spreadsheetSafe(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    static func page(_ page: CoordinatorPage, _ format: CoordinatorReportFormat) -> Data {
        let template = format == .html ? "coordinator.html" : "coordinator.txt"
        guard let text = ReportTemplates.library.render(page, withTemplate: template) else {
            preconditionFailure("no template \(template)")
        }
        return Data(text.utf8)
    }

    // MARK: The batch

    static func batchRows(_ report: BatchReport) -> [[String]] {
        [["record", "kind", "status", "sex", "age_min", "age_max", "recovery_region", "recovery_date", "confirmed_inquiry"]]
            + report.records.map { record in
                ["\(report.code)/\(record.tag)", record.kind.rawValue, record.status.rawValue, record.sex,
                 record.ageMin.map(String.init) ?? "", record.ageMax.map(String.init) ?? "",
                 record.recoveryRegion ?? "", record.recoveryDate ?? "", record.reference ?? ""]
            }
    }

    static func batchPage(_ report: BatchReport, _ language: ReportLanguage) -> CoordinatorPage {
        let words = ReportStrings[language]
        let unknown = words("c_unknown")
        let count: (Int?) -> String = { $0.map(String.init) ?? unknown }
        var facts: [(String, String)] = [
            (words("c_fact_kind"), words("c_kind_\(report.kind)")),
            (words("c_fact_date"), words.date(report.date)),
            (words("c_fact_status"), words("c_batch_status_\(report.batchStatus)")),
            (words("c_fact_regions"), report.regions.isEmpty ? unknown : report.regions.map { words.region($0) }.joined(separator: ", ")),
            (words("c_fact_received"), count(report.receivedCount)),
            (words("c_fact_handed_over"), count(report.handedOverCount)),
            (words("c_fact_listed"), "\(report.recordsListed)"),
        ]
        if let missing = report.recordsNotListed, missing > 0 { facts.append((words("c_fact_not_listed"), "\(missing)")) }
        if report.recordsVoided > 0 { facts.append((words("c_fact_voided"), "\(report.recordsVoided)")) }
        facts += [
            (words("c_fact_identified"), "\(report.recordsIdentified)"),
            (words("c_fact_awaiting"), "\(report.awaitingConfirmation)"),
            (words("c_fact_candidates"), "\(report.candidateLinks)"),
            (words("c_fact_days"), report.daysSinceTransfer.map(String.init) ?? words("c_not_yet")),
            (words("prepared_on"), words.date(report.preparedOn)),
        ]
        let total = max(1, report.recordsListed)
        let statusRows = report.byStatus.map { [words("c_status_\($0.status.rawValue)"), "\($0.count)", percent($0.count, of: total, language)] }
        let statusChart = ReportChart.stacked(
            caption: words("c_chart_status"),
            categories: report.byStatus.map { (words("c_status_\($0.status.rawValue)"), [$0.count]) }, series: [words("c_col_records")])
        let sections = [
            CoordinatorPage.section("by-status", words("c_section_by_status"), chart: report.recordsListed > 0 ? statusChart : nil,
                                    header: [words("c_col_status"), words("c_col_records"), words("c_col_share")],
                                    rows: report.recordsListed > 0 ? statusRows : [], numeric: [1, 2], fits: [0: .wrap],
                                    empty: words("c_no_records")),
            CoordinatorPage.section("links", words("c_section_links"),
                                    header: [words("c_col_record"), words("c_col_inquiry"), words("c_col_person"),
                                             words("c_col_status"), words("c_col_confirmed_on")],
                                    rows: report.confirmedLinks.map {
                                        [$0.record, $0.reference, $0.person, words("c_status_\($0.status.rawValue)"), shortDate($0.confirmedOn, words)]
                                    },
                                    // Record and inquiry are never cut; status words and dates wrap, the name gives way.
                                    numeric: [], fits: [0: .keep, 1: .keep, 3: .wrap, 4: .wrap], empty: words("c_no_links")),
        ]
        return CoordinatorPage(language: language, htmlTitle: words("c_batch_html_title", ["code": report.code]),
                               title: words("c_batch_title", ["code": report.code]), facts: facts, sections: sections,
                               footer: words("c_footer"))
    }

    // MARK: The statistics

    static let inquiryStatuses = ["open", "linked", "resolved", "withdrawn", "merged"]

    static func statsRows(_ report: StatsReport) -> [[String]] {
        var rows = [["section", "key", "name", "measure", "value"]]
        for region in report.inquiriesByRegion {
            let values = [region.open, region.linked, region.resolved, region.withdrawn, region.merged]
            for (status, value) in zip(inquiryStatuses, values) {
                rows.append(["inquiries_by_region", region.region, region.regionName, status, "\(value)"])
            }
        }
        rows += report.identificationsByMonth.map { ["identifications_by_month", $0.month, "", "identified", "\($0.count)"] }
        rows += report.openCasesByAge.map { ["open_cases_by_age", ageKey($0), "", "open", "\($0.count)"] }
        for kind in report.batchesByKind {
            let measures = [("batches", kind.batches), ("postponed", kind.postponed), ("received", kind.received),
                            ("handed_over", kind.handedOver), ("records_listed", kind.recordsListed),
                            ("records_identified", kind.recordsIdentified)]
            rows += measures.map { ["batches_by_kind", kind.kind, "", $0.0, "\($0.1)"] }
        }
        return rows
    }

    /// `0-1`, `1-3`, …, `24+` (months; the upper end excluded).
    static func ageKey(_ band: StatsReport.AgeBand) -> String {
        band.toMonths.map { "\(band.fromMonths)-\($0)" } ?? "\(band.fromMonths)+"
    }

    static func statsPage(_ report: StatsReport, _ language: ReportLanguage) -> CoordinatorPage {
        let words = ReportStrings[language]
        let statusNames = inquiryStatuses.map { words("c_inquiry_\($0)") }
        let regions = report.inquiriesByRegion.map { region in
            (label: words.region(region.region), values: [region.open, region.linked, region.resolved, region.withdrawn, region.merged])
        }
        let months = report.identificationsByMonth
        let shownMonths = months.suffix(36)
        let monthChart = ReportChart.columns(caption: words("c_chart_months"), categories: shownMonths.enumerated().map { index, entry in
            let (year, month) = (entry.month.prefix(4), Int(entry.month.suffix(2)) ?? 1)
            return (words("c_month_short_\(month)"), index == 0 || month == 1 ? String(year) : nil, entry.count)
        })
        let ageNames = report.openCasesByAge.indices.map { words("c_age_band_\($0)") }
        let ageChart = ReportChart.columns(caption: words("c_chart_ages"), categories: zip(ageNames, report.openCasesByAge).map {
            ($0, nil, $1.count)
        })
        let sections = [
            CoordinatorPage.section(
                "regions", words("c_section_regions"),
                chart: ReportChart.stacked(caption: words("c_chart_regions"), categories: regions, series: statusNames),
                header: [words("c_col_region")] + statusNames + [words("c_col_total")],
                rows: zip(regions, report.inquiriesByRegion).map { [$0.label] + $0.values.map(String.init) + ["\($1.total)"] },
                numeric: Set(1...6), empty: words("c_none_yet")),
            CoordinatorPage.section(
                "months", words("c_section_months"), chart: monthChart,
                header: [words("c_col_month"), words("c_col_identifications")],
                rows: months.map { [monthName($0.month, words), "\($0.count)"] }, numeric: [1], empty: words("c_none_yet")),
            CoordinatorPage.section(
                "ages", words("c_section_ages"), chart: report.openInquiries > 0 ? ageChart : nil,
                header: [words("c_col_age"), words("c_col_cases")],
                rows: report.openInquiries > 0 ? zip(ageNames, report.openCasesByAge).map { [$0, "\($1.count)"] } : [],
                numeric: [1], empty: words("c_none_yet")),
            CoordinatorPage.section(
                "kinds", words("c_section_kinds"),
                header: [words("c_col_kind"), words("c_col_batches"), words("c_col_postponed"), words("c_col_received"),
                         words("c_col_handed_over"), words("c_col_listed"), words("c_col_identified")],
                rows: report.batchesByKind.map {
                    [words("c_kind_\($0.kind)"), "\($0.batches)", "\($0.postponed)", "\($0.received)", "\($0.handedOver)",
                     "\($0.recordsListed)", "\($0.recordsIdentified)"]
                }, numeric: Set(1...6), empty: words("c_none_yet")),
        ]
        let facts = [
            (words("c_fact_inquiries"), "\(report.inquiries)"),
            (words("c_fact_open"), "\(report.openInquiries)"),
            (words("c_fact_identified"), "\(report.recordsIdentified)"),
            (words("prepared_on"), words.date(report.preparedOn)),
        ]
        return CoordinatorPage(language: language, htmlTitle: words("c_stats_html_title"), title: words("c_stats_title"),
                               facts: facts, sections: sections, footer: words("c_footer"))
    }

    // MARK: Words

    /// `June 2025` / `06.2025`.
    static func monthName(_ month: String, _ words: ReportStrings) -> String {
        guard let number = Int(month.suffix(2)) else { return month }
        return words.language == .en ? "\(words("month_\(number)")) \(month.prefix(4))" : "\(month.suffix(2)).\(month.prefix(4))"
    }

    /// A day in a table column: `7 Dec 2026` in English (the month's short name), else as
    /// ``ReportStrings/date(_:)`` writes it (`07.12.2026`), so the column stays narrow.
    static func shortDate(_ iso: String, _ words: ReportStrings) -> String {
        let parts = iso.prefix(10).split(separator: "-")
        guard words.language == .en, parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]) else { return words.date(iso) }
        return "\(day) \(words("c_month_short_\(month)")) \(parts[0])"
    }

    /// `97.9 %` in English, `97,9 %` in Ukrainian and Russian (a decimal comma).
    static func percent(_ part: Int, of whole: Int, _ language: ReportLanguage) -> String {
        let text = String(format: "%.1f %%", Double(part) * 100 / Double(max(1, whole)))
        return language == .en ? text : text.replacingOccurrences(of: ".", with: ",")
    }
}
