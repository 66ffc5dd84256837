import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// What an identification needs, what it changes, and how it is undone.
@Suite struct IdentificationWorkflowTests {
    @Test func identifiedNeedsAConfirmedLinkAndAMethod() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r2, through: [.examination])
        let events = try f.events()
        #expect {
            try f.homeward.setIdentificationStatus(f.olena, record: f.r2, to: .identified, IdentificationStep(method: .dna))
        } throws: { error in
            error.failureKind == .badInput && error.localizedDescription.contains("has no confirmed link to a person")
        }
        #expect {
            try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .examination, IdentificationStep(via: .phone))
        } throws: { error in
            error.localizedDescription.hasPrefix("via: phone is only for family_notified")
        }
        #expect(try f.events() == events)
        #expect(try f.lastAudit("ident.propose")?.outcome == .failed)
    }

    @Test func anIdentificationResolvesTheInquiryAndARevocationReturnsItToLinked() throws {
        let f = try IdentificationFixture()
        #expect(try f.inquiryStatus() == "linked")
        try f.advance(f.r1, through: [.examination, .identified])
        #expect(try f.inquiryStatus() == "resolved")
        #expect(try f.homeward.inquiry(f.olena, reference: f.reference).statusReason == "identified as \(f.r1)")

        // A link through which a record is identified cannot be rejected.
        #expect {
            try f.homeward.rejectLink(f.olena, id: f.linkID, reason: "second thoughts")
        } throws: { error in
            error.localizedDescription.contains("is identified through this link; revoke the identification first")
        }
        let events = try f.events()
        #expect {
            try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .revoked)
        } throws: { error in
            error.localizedDescription.hasPrefix("note: required for revoked")
        }
        #expect(try f.events() == events)
        let revoked = try f.homeward.setIdentificationStatus(
            f.petro, record: f.r1, to: .revoked, IdentificationStep(note: "lab reported a sample mix-up"))
        #expect(revoked.requested == "revoked" && revoked.status == "examination" && revoked.inquiryStatus == "linked")
        #expect(try f.status(f.r1) == "examination")
        #expect(try f.inquiryStatus() == "linked")
        let audit = try #require(try f.lastAudit("ident.revoke"))
        #expect(audit.outcome == .ok && audit.details.contains("\"inquiry_to\":\"linked\"") && !audit.details.contains("mix-up"))
        // Revoked, the link can be rejected again.
        #expect(try f.homeward.rejectLink(f.olena, id: f.linkID, reason: "sample mix-up").inquiryStatus == "open")
    }

    @Test func familyNotifiedNeedsIdentifiedAndViaThenReleaseFollows() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination, .identified])
        #expect {
            try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .familyNotified)
        } throws: { error in
            error.localizedDescription.hasPrefix("via: required for family_notified")
        }
        let notified = try f.homeward.setIdentificationStatus(
            f.olena, record: f.r1, to: .familyNotified, IdentificationStep(note: "mother told at the centre", via: .inPerson))
        #expect(notified.status == "family_notified")
        #expect(try f.homeward.identificationHistory(f.vera, record: f.r1).last?.via == "in_person")
        #expect(try f.lastAudit("ident.set")?.details.contains("in_person") == true)
        _ = try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .releasedToFamily)
        let view = try f.homeward.returnedRecord(f.olena, address: f.r1)
        #expect(view.status == "released_to_family" && view.nextStatuses.isEmpty)
        #expect(throws: CaseworkError.self) { try f.homeward.rejectLink(f.olena, id: f.linkID, reason: "no") }
    }

    @Test func expectRefusesAChangeOnAStatusOtherThanTheOneSeen() throws {
        let f = try IdentificationFixture()
        _ = try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .examination, IdentificationStep(expect: .received))
        let events = try f.events()
        #expect {
            try f.homeward.setIdentificationStatus(f.petro, record: f.r1, to: .examination, IdentificationStep(expect: .received))
        } throws: { error in
            error.failureKind == .badInput
                && error.localizedDescription.hasPrefix("changed meanwhile: \(f.r1) is examination (set by olena at ")
        }
        #expect(try f.events() == events)
    }

    @Test func aReturneeIsVerifiedAtOnceAndResolvesTheInquiry() throws {
        let f = try IdentificationFixture()
        let code = try f.homeward.addBatch(f.olena, BatchForm(date: "2025-06-14", kind: "pow_exchange", regions: ["Donetsk"])).code
        _ = try f.homeward.importManifest(f.olena, code: code, table: try CSVTable(bytes: csv([
            "tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes",
            "P-1,returnee,Бондар Іван,,male,,,,,,,",
        ])))
        let record = "\(code)/P-1"
        #expect(try f.status(record) == "arrived")
        // The inquiry's person is already confirmed as R-1: confirm a link for the returnee by hand.
        _ = try f.homeward.rejectLink(f.olena, id: f.linkID, reason: "the soldier came back alive")
        try f.homeward.write { db in
            try db.execute(sql: """
                INSERT INTO link (person_id, inquiry_id, batch_id, record_id, state, score, reasons, created_at, created_by,
                                  scored_at, decided_at, decided_by)
                SELECT i.person_id, i.id, r.batch_id, r.id, 'confirmed', 2.0, '[]', 't', ?, 't', 't', ?
                FROM inquiry i, returned_record r WHERE i.reference = ? AND r.tag = 'P-1'
                """, arguments: [f.olena.userID, f.olena.userID, f.reference])
            try db.execute(sql: "UPDATE inquiry SET status = 'linked' WHERE reference = ?", arguments: [f.reference])
        }
        #expect(throws: AccessError.self) {
            try f.homeward.setIdentificationStatus(f.vera, record: record, to: .identityVerified, IdentificationStep(method: .documents))
        }
        let verified = try f.homeward.setIdentificationStatus(f.olena, record: record, to: .identityVerified,
                                                              IdentificationStep(method: .documents, evidence: "passport"))
        #expect(verified.kind == "change" && verified.status == "identity_verified" && verified.inquiryStatus == "resolved")
        _ = try f.homeward.setIdentificationStatus(f.olena, record: record, to: .familyNotified, IdentificationStep(via: .video))
        #expect(try f.status(record) == "family_notified")
    }

    @Test func batchShowListsEachRecordsStatus() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination, .dnaSampled])
        try f.advance(f.r2, through: [.onHold])
        let batch = try f.homeward.batch(f.olena, code: f.code)
        #expect(batch.records.map(\.status) == ["dna_sampled", "on_hold", "received"])
    }

    @Test func theTrailNamesStatusesNotNotesOrEvidence() throws {
        let f = try IdentificationFixture()
        _ = try f.homeward.setIdentificationStatus(
            f.olena, record: f.r1, to: .examination, IdentificationStep(method: .visual, evidence: "PHOTO-77", note: "tattoo: Оксана"))
        let event = try #require(try f.lastAudit("ident.set"))
        #expect(event.entityID == f.r1 && event.details.contains("\"to\":\"examination\"") && event.details.contains("visual"))
        #expect(!event.details.contains("Оксана") && !event.details.contains("PHOTO-77"))
    }

    @Test func theHistoryIsAppendOnly() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        for sql in ["UPDATE identification_event SET status = 'identified'", "DELETE FROM identification_event"] {
            #expect {
                try f.homeward.write { db in try db.execute(sql: sql) }
            } throws: { error in
                (error as? DatabaseError)?.message?.contains("identification history is append-only") == true
            }
        }
        #expect(try f.status(f.r1) == "examination" && f.events() == 1)
    }

    @Test func aVoidedRecordKeepsItsHistoryAndTakesNoChange() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r2, through: [.examination])
        try f.homeward.voidRecord(f.olena, address: f.r2, reason: "entered twice")
        #expect {
            try f.homeward.setIdentificationStatus(f.olena, record: f.r2, to: .onHold)
        } throws: { error in
            error.localizedDescription.contains("was voided")
        }
        #expect(try f.homeward.identificationHistory(f.olena, record: f.r2).count == 1)
    }
}
