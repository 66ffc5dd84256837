import Foundation
import Testing
@testable import HomewardCore

/// Volunteers work up to match_candidate on their own batches; auditors and admins read only.
@Suite struct VolunteerScopeTests {
    @Test func aVolunteerMovesRecordsOfAnAssignedBatchUpToMatchCandidate() throws {
        let f = try IdentificationFixture()
        for status in [IdentificationStatus.examination, .dnaSampled, .matchCandidate, .onHold, .unidentifiable] {
            let changed = try f.homeward.setIdentificationStatus(f.vera, record: f.r1, to: status)
            #expect(changed.status == status.rawValue)
        }
        #expect(try f.lastAudit("ident.set")?.actorName == "vera")
        // Beyond match_candidate: refused before anything is read, audited as denied.
        try f.advance(f.r2, through: [.examination])
        let events = try f.events()
        for (status, step) in [(IdentificationStatus.identified, IdentificationStep(method: .dna)),
                               (.familyNotified, IdentificationStep(via: .phone)), (.releasedToFamily, IdentificationStep()),
                               (.revoked, IdentificationStep(note: "x")), (.identityVerified, IdentificationStep(method: .documents))] {
            #expect {
                try f.homeward.setIdentificationStatus(f.vera, record: f.r2, to: status, step)
            } throws: { error in
                error.failureKind == .accessDenied
                    && error.localizedDescription.hasPrefix("permission denied: a volunteer may set only received, examination")
                    && error.localizedDescription.hasSuffix("ask a coordinator to set \(status.rawValue)")
            }
        }
        #expect(try f.events() == events)
        let denied = try f.homeward.auditLog(f.admin, filter: AuditFilter(actor: "vera")).filter { $0.outcome == .denied }
        #expect(denied.count == 5 && denied.allSatisfy { $0.details.contains("status beyond role") })
    }

    @Test func aVolunteerNeitherChangesNorReadsRecordsOfOtherBatches() throws {
        let f = try IdentificationFixture()
        let other = try f.homeward.addBatch(f.olena, BatchForm(date: "2025-06-01", kind: "remains", regions: ["Kharkiv"])).code
        _ = try f.homeward.importManifest(f.olena, code: other, table: try CSVTable(bytes: csv([
            "tag,kind", "X-1,remains",
        ])))
        let record = "\(other)/X-1"
        #expect(throws: AccessError.notAssigned(batch: other)) {
            try f.homeward.setIdentificationStatus(f.vera, record: record, to: .examination)
        }
        #expect(throws: AccessError.notAssigned(batch: other)) { try f.homeward.identificationHistory(f.vera, record: record) }
        #expect(throws: AccessError.notAssigned(batch: other)) { try f.homeward.returnedRecord(f.vera, address: record) }
        #expect(try f.status(record) == "received")
        let denied = try f.homeward.auditLog(f.admin, filter: AuditFilter(actor: "vera")).filter { $0.outcome == .denied }
        #expect(denied.map(\.action) == ["ident.set", "ident.history", "record.show"])
        #expect(denied.allSatisfy { $0.details.contains("not assigned") })
    }

    @Test func whatAVolunteerReadsNamesTheLinkedPersonButNoInquirerDetails() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination, .identified])
        let view = try f.homeward.returnedRecord(f.vera, address: f.r1)
        #expect(view.status == "identified")
        let link = try #require(view.links.first)
        #expect(link.state == "confirmed" && link.reference == f.reference && link.name.hasPrefix("Шевченко Олексій"))
        let history = try f.homeward.identificationHistory(f.vera, record: f.r1)
        let text = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
            + String(decoding: try JSONEncoder().encode(history), as: UTF8.self)
        // The inquirer (Шевченко Марія, мати, +380501234567) appears nowhere.
        for secret in ["Марія", "мати", "380501234567", "050 123"] { #expect(!text.contains(secret), "\(secret) leaked") }
        #expect(throws: AccessError.self) { try f.homeward.inquiry(f.vera, reference: f.reference) }
        #expect(throws: AccessError.self) { try f.homeward.links(f.vera, batch: f.code) }
    }

    @Test func auditorsAndAdminsReadButChangeNothing() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        for actor in [f.auditor, f.admin] {
            #expect(throws: AccessError.denied(role: actor.role, permission: .updateIdentification)) {
                try f.homeward.setIdentificationStatus(actor, record: f.r1, to: .dnaSampled)
            }
            #expect(try f.homeward.identificationHistory(actor, record: f.r1).count == 1)
            #expect(try f.homeward.returnedRecord(actor, address: f.r1).status == "examination")
        }
        #expect(try f.status(f.r1) == "examination")
    }

    @Test func theMatrixGivesVolunteersUpdatesButNotConfirmations() {
        #expect(Role.volunteer.may(.updateIdentification) && !Role.volunteer.may(.confirmIdentification))
        #expect(Role.coordinator.may(.confirmIdentification))
        #expect(!Role.auditor.may(.updateIdentification) && !Role.admin.may(.updateIdentification))
        #expect(!IdentificationRules.volunteerStatuses.contains(.identified))
        #expect(!IdentificationRules.volunteerStatuses.contains(.identityVerified))
    }
}
