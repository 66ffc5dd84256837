import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// Every table and column of the schema has been looked at: exported, withheld as a secret, or
/// an index rebuilt from other tables. A migration that adds a table or column fails this test
/// until it is added here, to `exported` or (for a secret) to `ExportPolicy.withheldColumns`.
@Suite struct ExportPlanTests {
    static let exported: [String: [String]] = [
        "app_user": ["id", "name", "role", "status", "failed_logins", "locked_until", "created_at", "password_changed_at",
                     "name_key"],
        "audit_event": ["seq", "at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "outcome", "details",
                        "prev_hash", "hash"],
        "batch": ["id", "code", "kind", "date", "status", "received_count", "handed_over_count", "transfer_point", "agreement",
                  "created_at", "created_by"],
        "batch_assignment": ["user_id", "batch_id"],
        "batch_change": ["id", "batch_id", "field", "old_value", "new_value", "note", "changed_at", "changed_by"],
        "batch_region": ["batch_id", "region"],
        "batch_source": ["id", "batch_id", "text", "said_by", "said_on"],
        "batch_status_change": ["id", "batch_id", "status", "note", "changed_at", "changed_by"],
        "database_identity": ["singleton", "id", "created_at"],
        "grdb_migrations": ["identifier"],
        "identification_event": ["id", "record_id", "kind", "status", "proposal_id", "method", "evidence", "note", "notified_via",
                                 "link_id", "actor_id", "at"],
        "inquiry": ["id", "reference", "person_id", "inquirer_name", "relationship", "phone", "email", "language",
                    "consent_tracing", "consent_dna", "consent_sharing", "channel", "received_on", "coordinator_id", "notes",
                    "status", "status_reason", "merged_into_id", "premerge_person_id", "premerge_status", "created_at", "updated_at"],
        "inquiry_contact": ["id", "inquiry_id", "channel", "outcome", "note", "contacted_at", "recorded_by"],
        "link": ["id", "person_id", "inquiry_id", "batch_id", "record_id", "state", "score", "reasons", "created_at", "created_by",
                 "scored_at", "decided_at", "decided_by", "decision_reason"],
        "person": ["id", "family_name", "given_name", "patronymic", "family_name_latin", "given_name_latin", "patronymic_latin",
                   "sex", "date_of_birth", "service_number", "service_number_key", "unit", "rank", "last_known_region",
                   "last_known_place", "last_seen_from", "last_seen_to", "circumstances", "distinguishing_features",
                   "dna_reference_status", "created_at", "updated_at"],
        "reference_counter": ["year", "last"],
        "returned_record": ["id", "batch_id", "tag", "kind", "name", "name_latin", "service_number", "service_number_key", "sex",
                            "age_min", "age_max", "recovery_region", "recovery_place", "recovery_date", "effects", "notes",
                            "created_at", "updated_at", "voided_at", "voided_by", "void_reason"],
        "setting": ["key", "value", "updated_at", "updated_by"],
        "returned_record_change": ["id", "record_id", "field", "old_value", "new_value", "changed_at", "changed_by"],
        "session": ["id", "user_id", "created_at", "last_used_at", "expires_at", "revoked_at", "revoked_why"],
    ]

    static let withheld = ["app_user.password_hash", "database_identity.audit_key", "session.token_hash"]

    static let derived = ["name_key", "person_name", "person_name_config", "person_name_content", "person_name_data",
                          "person_name_idx"]

    func plan() throws -> ExportPlan {
        let database = try DatabaseQueue()
        try Migrations.migrator.migrate(database)
        return try database.read { db in try ExportPlan.make(db) }
    }

    @Test func everyTableAndColumnOfTheSchemaHasBeenReviewed() throws {
        let plan = try plan()
        var found = [String: [String]]()
        for table in plan.tables { found[table.name] = table.columns.map(\.name) }
        for name in Set(found.keys).union(Self.exported.keys).sorted() {
            #expect(found[name] == Self.exported[name],
                    "table \(name): export writes \(found[name] ?? []), reviewed \(Self.exported[name] ?? []); add new columns to ExportPlanTests.exported, or to ExportPolicy.withheldColumns if secret")
        }
        #expect(plan.withheld.map { "\($0.table).\($0.column)" }.sorted() == Self.withheld)
        #expect(plan.derived.map(\.table) == Self.derived)
    }

    @Test func noExportedColumnLooksLikeASecret() throws {
        for table in try plan().tables {
            // When a password was changed is no secret.
            for column in table.columns.map(\.name) where column != "password_changed_at" {
                #expect(!["password", "token", "secret", "salt", "audit_key"].contains { column.contains($0) }, "\(table.name).\(column)")
            }
        }
    }

    @Test func tablesComeAfterTheTablesTheyReference() throws {
        let order = try plan().tables.map(\.name)
        let database = try DatabaseQueue()
        try Migrations.migrator.migrate(database)
        try database.read { db in
            for (index, name) in order.enumerated() {
                for parent in Set(try db.foreignKeys(on: name).map(\.destinationTable)) where parent != name {
                    #expect(order.firstIndex(of: parent).map { $0 < index } ?? false, "\(name) before \(parent)")
                }
            }
        }
    }
}
