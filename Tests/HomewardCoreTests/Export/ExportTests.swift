import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// The full JSON export: complete, consistent, re-verifiable, without secrets, admins and auditors only.
@Suite struct ExportTests {
    /// A database with casework, a confirmed link and an identification step.
    func populated() throws -> IdentificationFixture {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        _ = try f.homeward.recordContact(f.olena, reference: f.reference, channel: .phone, note: "spoke to the mother", outcome: .reached)
        return f
    }

    func export(_ homeward: Homeward, _ actor: Actor) throws -> (text: String, chunks: Int, summary: ExportSummary) {
        var data = Data()
        var chunks = 0
        let summary = try homeward.exportDatabase(actor) { chunk in
            data.append(chunk)
            chunks += 1
        }
        return (String(decoding: data, as: UTF8.self), chunks, summary)
    }

    func document(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func tables(_ document: [String: Any]) throws -> [String: [String: Any]] {
        let list = try #require(document["tables"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as? String ?? "", $0) })
    }

    @Test func theDocumentHasItsHeaderAndEveryRowOfEveryTable() throws {
        let f = try populated()
        // Counted before: the export's own audit event follows it.
        let stored = try f.homeward.read { db in
            try ExportPlanTests.exported.keys.reduce(into: [String: Int]()) { counts, name in
                counts[name] = try Int.fetchOne(db, SQLRequest<Int>("SELECT count(*) FROM \(identifier: name)")) ?? -1
            }
        }
        let (text, _, summary) = try export(f.homeward, f.admin)
        let document = try document(text)
        #expect(document["format"] as? String == "homeward-export" && document["format_version"] as? Int == 1)
        #expect(document["schema_version"] as? String == Migrations.latest && summary.schemaVersion == Migrations.latest)
        #expect(document["migrations"] as? [String] == Migrations.all.map(\.identifier))
        #expect(document["database_id"] as? String == (try f.homeward.databaseID()))
        #expect(document["exported_by"] as? String == "alice" && document["exported_at"] is String)
        let tables = try tables(document)
        for name in ExportPlanTests.exported.keys {
            let table = try #require(tables[name], "\(name)")
            let rows = try #require(table["rows"] as? [[String: Any]])
            #expect(rows.count == stored[name] && table["row_count"] as? Int == stored[name] && summary.rowCounts[name] == stored[name],
                    "\(name)")
        }
        #expect(stored["audit_event"] ?? 0 > 10 && stored["grdb_migrations"] == Migrations.all.count)
        #expect(tables.count == ExportPlanTests.exported.count)
        let inquiry = try #require((tables["inquiry"]?["rows"] as? [[String: Any]])?.first)
        #expect(inquiry["reference"] as? String == f.reference && inquiry["phone"] as? String == "+380501234567")
        #expect(inquiry["consent_tracing"] as? Int == 1)
        let link = try #require((tables["link"]?["rows"] as? [[String: Any]])?.first { $0["state"] as? String == "confirmed" })
        #expect(link["score"] is Double && link["decided_by"] as? Int != nil)
        #expect((tables["identification_event"]?["rows"] as? [[String: Any]])?.count == 1)
        #expect((tables["inquiry_contact"]?["rows"] as? [[String: Any]])?.first?["note"] as? String == "spoke to the mother")
        let withheld = try #require(document["withheld"] as? [[String: String]])
        #expect(withheld.map { "\($0["table"] ?? "").\($0["column"] ?? "")" }.sorted() == ExportPlanTests.withheld)
        #expect(tables["app_user"]?["withheld"] as? [String] == ["password_hash"])
        #expect((document["schema"] as? [[String: Any]])?.contains { $0["name"] as? String == "audit_event_no_update" } == true)
    }

    @Test func noPasswordHashTokenOrKeyAppearsInTheExport() throws {
        let f = try populated()
        let session = try f.homeward.login(name: "alice", password: adminPassword)
        let secrets = try f.homeward.read { db in
            let hashes = try String.fetchAll(db, sql: "SELECT password_hash FROM app_user")
            let tokens = try Data.fetchAll(db, sql: "SELECT token_hash FROM session")
            let key = try Data.fetchOne(db, sql: "SELECT audit_key FROM database_identity")
            return (hashes, tokens, key)
        }
        #expect(secrets.0.count == 6 && secrets.0.allSatisfy { $0.hasPrefix("$argon2id$") } && secrets.1.count >= 6)
        for actor in [f.admin, f.auditor] {
            let (text, _, _) = try export(f.homeward, actor)
            for hash in secrets.0 {
                #expect(!text.contains(hash))
                #expect(!text.contains(String(hash.split(separator: "$").last ?? "")))
            }
            for token in secrets.1 {
                #expect(!text.contains(hexString(token)) && !text.contains(hexString(token).uppercased()))
                #expect(!text.contains(token.base64EncodedString()))
            }
            let key = try #require(secrets.2)
            #expect(!text.contains(hexString(key)) && !text.contains(key.base64EncodedString()))
            #expect(!text.contains(session.token) && !text.contains("$argon2id$v=") && !text.contains("password_hash\": "))
        }
    }

    @Test func theAuditChainCanBeReverifiedFromTheDocumentAlone() throws {
        let f = try populated()
        let document = try document(try export(f.homeward, f.auditor).text)
        let rows = try #require(try tables(document)["audit_event"]?["rows"] as? [[String: Any]])
        #expect(rows.count > 10)
        var previous = AuditChain.genesis
        for row in rows {
            let event = AuditEvent(
                seq: Int64(row["seq"] as? Int ?? 0), at: row["at"] as? String ?? "", actorID: (row["actor_id"] as? Int).map(Int64.init),
                actorName: row["actor_name"] as? String, action: row["action"] as? String ?? "",
                entityType: row["entity_type"] as? String, entityID: row["entity_id"] as? String,
                outcome: AuditOutcome(rawValue: row["outcome"] as? String ?? "") ?? .failed, details: row["details"] as? String ?? "",
                prevHash: try #require(Self.bytes(hex: row["prev_hash"] as? String)), hash: try #require(Self.bytes(hex: row["hash"] as? String)))
            #expect(event.prevHash == previous, "event \(event.seq)")
            #expect(AuditChain.hash(of: event) == event.hash, "event \(event.seq)")
            previous = event.hash
        }
    }

    static func bytes(hex: String?) -> Data? {
        guard let hex, hex.count % 2 == 0 else { return nil }
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            data.append(byte)
            index = next
        }
        return data
    }

    @Test func aLargeDatabaseIsStreamedInChunks() throws {
        let f = try MatchingFixture()
        let header = "family_name,given_name,last_known_region,date_last_seen,inquirer_name,relationship,phone,notes"
        let rows = (0..<600).map { "Бондар,Іван,UA-14,2023-05-20,Бондар Ольга,мати,050111\(String(format: "%04d", $0)),\"line one\nline \"\"two\"\"\"" }
        _ = try f.homeward.importInquiries(f.olena, table: try CSVTable(bytes: csv([header] + rows)))
        let (text, chunks, summary) = try export(f.homeward, f.admin)
        #expect(chunks > 2 && summary.rowCounts["inquiry"] == 600 && summary.rowCounts["person"] == 600)
        let inquiries = try #require(try tables(try document(text))["inquiry"]?["rows"] as? [[String: Any]])
        #expect(inquiries.first?["notes"] as? String == "line one\nline \"two\"")
    }

    @Test func theExportIsAuditedWithCountsNotContent() throws {
        let f = try populated()
        let summary = try export(f.homeward, f.auditor).summary
        let event = try #require(try f.homeward.auditLog(f.admin, filter: AuditFilter(action: "export.json")).last)
        #expect(event.outcome == .ok && event.actorName == "audra")
        #expect(event.details.contains("\"rows\":\"\(summary.totalRows)\"") && event.details.contains("\"rows.inquiry\":\"1\""))
        #expect(!event.details.contains("Шевченко") && !event.details.contains("+380"))
    }

    @Test func coordinatorsAndVolunteersAreRefusedAndTheRefusalIsAudited() throws {
        let f = try populated()
        for actor in [f.olena, f.vera] {
            var written = 0
            #expect(throws: AccessError.denied(role: actor.role, permission: .exportDatabase)) {
                try f.homeward.exportDatabase(actor) { _ in written += 1 }
            }
            #expect(written == 0)
            let event = try #require(try f.homeward.auditLog(f.admin, filter: AuditFilter(action: "export.json")).last)
            #expect(event.outcome == .denied && event.actorName == actor.name)
        }
        let folder = try TemporaryFolder()
        #expect(throws: AccessError.denied(role: .coordinator, permission: .exportDatabase)) {
            try f.homeward.exportDatabase(f.olena, toFile: folder.path("export.json"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("export.json")))
    }

    @Test func aFileIsWrittenNewWithMode0600AndNeverOverwritten() throws {
        let f = try populated()
        let folder = try TemporaryFolder()
        let path = folder.path("export.json")
        let summary = try f.homeward.exportDatabase(f.admin, toFile: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try document(String(decoding: written, as: UTF8.self))["format"] as? String == "homeward-export")
        #expect(summary.totalRows > 0)
        #expect { try f.homeward.exportDatabase(f.admin, toFile: path) } throws: { error in
            error.failureKind == .cannotCreateOutput && error.localizedDescription.contains("already exists")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)
        #expect(try f.homeward.auditLog(f.admin, filter: AuditFilter(action: "export.json")).last?.outcome == .failed)
    }
}
