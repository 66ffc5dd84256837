import Foundation
import HomewardCore

extension DemoRun {
    /// The four 2025 events in date order, with their public figures and sources, the
    /// statuses they reached and (fictional) manifests imported through the CSV importer.
    func recordBatches() throws {
        let homeward = try store
        let coordinator = try actor(DemoStaff.coordinator)
        for event in Self.events {
            let code = try homeward.addBatch(coordinator, event.form).code
            try homeward.setBatchStatus(coordinator, code: code, status: event.status, note: event.statusNote)
            if let manifest = event.manifest.map(cast.manifest) {
                let table = try CSVTable(bytes: Array(manifest.csv.utf8))
                _ = try homeward.importManifest(coordinator, code: code, table: table)
                manifests[code] = manifest
            }
        }
        batches = try homeward.batches(coordinator).sorted { $0.date < $1.date }
        // The volunteer examines the remains of the first transfer.
        if let first = batches.first(where: { $0.date == DemoCast.firstTransferDate }) {
            try homeward.assignBatch(try actor(DemoStaff.admin), user: DemoStaff.volunteer, code: first.code)
        }
    }

    /// One event of the story.
    struct Event: Sendable {
        var form: BatchForm
        var status: BatchStatus
        var statusNote: String
        var manifest: DemoCast.Transfer?
    }

    static let fictional = "Homeward demo||The manifests, inquiries, names and staff in this database are fictional demo data; no real persons. Dates are illustrative."
    static let headquarters = "Coordination Headquarters for the Treatment of Prisoners of War (public report)"

    static let events: [Event] = [
        Event(
            form: BatchForm(date: "2025-06-07", kind: "remains", regions: ["Donetsk", "Zaporizhzhia"],
                            agreement: "Istanbul, 2025-06-02",
                            sources: ["Public reports|2025-06-07|A transfer of remains announced for this week did not take place on the day; each side blamed the other",
                                      fictional]),
            status: .postponed, statusNote: "postponed: no transfer on the announced day, no new date given"),
        Event(
            form: BatchForm(date: DemoCast.firstTransferDate, kind: "remains", received: 1_212, handedOver: 27,
                            regions: ["Donetsk", "Luhansk", "Kherson", "Zaporizhzhia", "Kharkiv", "Kursk"],
                            agreement: "Istanbul, 2025-06-02",
                            sources: ["\(headquarters)|\(DemoCast.firstTransferDate)|1,212 bodies returned to Ukraine, 27 handed over; recovered in the Donetsk, Luhansk, Kherson, Zaporizhzhia, Kharkiv and Kursk regions",
                                      fictional]),
            status: .completed, statusNote: "transfer confirmed by both sides", manifest: .firstTransfer),
        Event(
            form: BatchForm(date: DemoCast.exchangeDate, kind: "pow_exchange", received: 106, handedOver: 100,
                            regions: ["Donetsk", "Kharkiv", "Kursk"], agreement: "Istanbul, 2025-06-02",
                            sources: ["\(headquarters)|\(DemoCast.exchangeDate)|106 prisoners of war returned to Ukraine, 100 handed over", fictional]),
            status: .completed, statusNote: "exchange completed", manifest: .exchange),
        Event(
            form: BatchForm(date: DemoCast.secondTransferDate, kind: "remains", received: 1_000, handedOver: 38,
                            regions: ["Донецька", "Запорожье", "UA-63"],
                            sources: ["\(headquarters)|\(DemoCast.secondTransferDate)|1,000 bodies returned to Ukraine, 38 handed over; partial manifest so far",
                                      fictional]),
            status: .completed, statusNote: "transfer confirmed; manifest still arriving", manifest: .secondTransfer),
    ]
}
