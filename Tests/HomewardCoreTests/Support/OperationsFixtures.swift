import Foundation
import GRDB
@testable import HomewardCore

/// Row counts of every table a change could touch, to show that a refused change left the database as it was.
/// Audit events count only when `ok`: a refused change is itself recorded, as `failed` or `denied`.
func tableCounts(_ homeward: Homeward) throws -> [String: Int] {
    try homeward.read { db in
        var counts = [String: Int]()
        for table in ["inquiry", "person", "inquiry_contact", "batch", "batch_region", "batch_source", "batch_change",
                      "batch_status_change", "batch_assignment", "returned_record", "returned_record_change"] {
            counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1
        }
        counts["audit_event"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event WHERE outcome = 'ok'") ?? -1
        return counts
    }
}

/// A remains batch of 2025-06-14 with three records: R-1 (named, with a service number), R-2 and R-3.
func batchWithManifest(_ homeward: Homeward, _ coordinator: Actor) throws -> String {
    let code = try homeward.addBatch(coordinator, BatchForm(
        date: "2025-06-14", kind: "remains", received: 3, handedOver: 27, regions: ["Donetsk", "Luhansk"],
        agreement: "Istanbul 2025-06-02", sources: ["HQ|2025-06-14|bodies returned"])).code
    let table = try CSVTable(bytes: csv([
        "tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes",
        "R-1,remains,Ткаченко Дмитро,ЗСУ-5520981,male,25,35,Donetsk,near Bakhmut,2025-05-02,\"cross, watch\",",
        "R-2,remains,,,,30,45,UA-14,,,,",
        "R-3,remains,,,,,,Luhansk,,,,",
    ]))
    _ = try homeward.importManifest(coordinator, code: code, table: table)
    return code
}
