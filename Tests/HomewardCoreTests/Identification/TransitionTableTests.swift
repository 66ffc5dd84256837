import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// Every pair of statuses, for both kinds of record: a pair the table allows is accepted given
/// its preconditions, every other one is refused naming the current and the allowed statuses.
@Suite struct TransitionTableTests {
    struct Pair: CustomStringConvertible {
        var kind: RecordKind
        var from: IdentificationStatus
        var to: IdentificationStatus
        var tag: String { "\(kind.rawValue)-\(from.rawValue)-\(to.rawValue)" }
        var description: String { "\(kind.rawValue): \(from.rawValue) → \(to.rawValue)" }
    }

    /// Every status a kind of record can be in, against every status there is.
    static var pairs: [Pair] {
        RecordKind.allCases.flatMap { kind in
            (IdentificationRules.transitions[kind] ?? [:]).keys.sorted { $0.rawValue < $1.rawValue }.flatMap { from in
                IdentificationStatus.allCases.map { Pair(kind: kind, from: from, to: $0) }
            }
        }
    }

    /// What each target needs besides the status.
    static func step(for target: IdentificationStatus) -> IdentificationStep {
        switch target {
        case .identified, .identityVerified: IdentificationStep(method: .dna, evidence: "LAB-2025-114")
        case .familyNotified: IdentificationStep(via: .phone)
        case .revoked: IdentificationStep(note: "the DNA report belonged to another case")
        default: IdentificationStep()
        }
    }

    /// One record per pair, each with a confirmed link and put into its `from` status directly
    /// (a record of the initial status gets no event at all: no history means received/arrived).
    func prepared(_ pairs: [Pair]) throws -> (Homeward, coordinator: Actor, confirmer: Actor, codes: [RecordKind: String]) {
        let (homeward, admin, olena) = try makeCasework()
        let petro = try addAndLogin(homeward, admin: admin, name: "petro", role: .coordinator).actor
        var codes = [RecordKind: String]()
        for kind in RecordKind.allCases {
            let code = try homeward.addBatch(olena, BatchForm(
                date: "2025-06-14", kind: kind == .remains ? "remains" : "pow_exchange", regions: ["Donetsk"])).code
            let rows = pairs.filter { $0.kind == kind }.map { "\($0.tag),\(kind.rawValue),,,,,,,,,," }
            _ = try homeward.importManifest(olena, code: code, table: try CSVTable(bytes: csv([
                "tag,kind,name,service_number,sex,age_min,age_max,recovery_region,recovery_place,recovery_date,effects,notes",
            ] + rows)))
            codes[kind] = code
        }
        let inquiry = try homeward.addInquiry(olena, shevchenkoForm()).reference
        try homeward.write { db in
            let ids = try Row.fetchOne(db, sql: "SELECT id, person_id FROM inquiry WHERE reference = ?", arguments: [inquiry])
            for pair in pairs {
                let record = try Row.fetchOne(db, sql: "SELECT id, batch_id FROM returned_record WHERE tag = ?", arguments: [pair.tag])
                try db.execute(sql: """
                    INSERT INTO link (person_id, inquiry_id, batch_id, record_id, state, score, reasons, created_at, created_by,
                                      scored_at, decided_at, decided_by)
                    VALUES (?, ?, ?, ?, 'confirmed', 3.0, '[]', 't', ?, 't', 't', ?)
                    """, arguments: [ids?["person_id"], ids?["id"], record?["batch_id"], record?["id"], olena.userID, olena.userID])
                if pair.from != IdentificationRules.initial(pair.kind) {
                    try db.execute(sql: """
                        INSERT INTO identification_event (record_id, kind, status, method, link_id, actor_id, at)
                        VALUES (?, 'change', ?, ?, ?, ?, 't')
                        """, arguments: [record?["id"], pair.from.rawValue,
                                         IdentificationRules.identifying.contains(pair.from) ? "dna" : nil,
                                         db.lastInsertedRowID, olena.userID])
                }
            }
        }
        return (homeward, olena, petro, codes)
    }

    @Test func theTableCoversBothKindsAndEveryStatus() {
        let remains = IdentificationRules.transitions[.remains] ?? [:]
        let returnee = IdentificationRules.transitions[.returnee] ?? [:]
        #expect(remains.count == 9 && returnee.count == 4)
        // Every target in the table is a status the kind can reach (or the revoked correction).
        for table in [remains, returnee] {
            for targets in table.values {
                #expect(targets.allSatisfy { table[$0] != nil || $0 == .revoked })
            }
        }
        #expect(IdentificationRules.initial(.remains) == .received && IdentificationRules.initial(.returnee) == .arrived)
        #expect(IdentificationRules.resulting(.revoked) == .examination)
        #expect(Self.pairs.count == (9 + 4) * IdentificationStatus.allCases.count)
    }

    @Test func everyAllowedPairIsAcceptedAndEveryOtherRefused() throws {
        let pairs = Self.pairs
        let (homeward, olena, petro, codes) = try prepared(pairs)
        var accepted = 0, refused = 0
        for pair in pairs {
            let record = "\(codes[pair.kind] ?? "")/\(pair.tag)"
            let before = try homeward.returnedRecord(olena, address: record)
            #expect(before.status == pair.from.rawValue, "\(pair): set up as \(before.status)")
            let allowed = IdentificationRules.next(pair.kind, from: pair.from)
            if allowed.contains(pair.to) {
                let changed = try homeward.setIdentificationStatus(olena, record: record, to: pair.to, Self.step(for: pair.to))
                if pair.to == .identified {
                    #expect(changed.kind == "proposal" && changed.status == pair.from.rawValue, "\(pair)")
                    let confirmed = try homeward.confirmIdentification(petro, record: record)
                    #expect(confirmed.inEffect && confirmed.status == "identified", "\(pair)")
                } else {
                    #expect(changed.kind == "change", "\(pair)")
                }
                #expect(try homeward.returnedRecord(olena, address: record).status == IdentificationRules.resulting(pair.to).rawValue,
                        "\(pair)")
                accepted += 1
            } else {
                let eventsBefore = before.identificationHistory.count
                do {
                    _ = try homeward.setIdentificationStatus(olena, record: record, to: pair.to, Self.step(for: pair.to))
                    Issue.record("\(pair) was accepted")
                } catch let CaseworkError.invalidTransition(message) {
                    #expect(message.contains(pair.from.rawValue), "\(pair): \(message)")
                    for next in allowed { #expect(message.contains(next.rawValue), "\(pair): \(message) misses \(next.rawValue)") }
                    if allowed.isEmpty { #expect(message.contains("final status"), "\(pair): \(message)") }
                }
                let after = try homeward.returnedRecord(olena, address: record)
                #expect(after.status == pair.from.rawValue && after.identificationHistory.count == eventsBefore, "\(pair)")
                refused += 1
            }
        }
        let allowedCount = (IdentificationRules.transitions.values.flatMap(\.values)).map(\.count).reduce(0, +)
        #expect(accepted == allowedCount)
        #expect(refused == pairs.count - allowedCount)
    }

    @Test func theRefusalIsBadDataNamingWhatMayFollow() throws {
        let fixture = try IdentificationFixture()
        #expect {
            try fixture.homeward.setIdentificationStatus(fixture.olena, record: fixture.r1, to: .familyNotified, IdentificationStep(via: .phone))
        } throws: { error in
            error.failureKind == .badInput && error.localizedDescription
                == "\(fixture.r1) is received; it can become examination, on_hold or unidentifiable, not family_notified"
        }
        #expect {
            try fixture.homeward.setIdentificationStatus(fixture.olena, record: fixture.r1, to: .arrived)
        } throws: { error in
            error.localizedDescription.contains("a status of returned living prisoners")
        }
        try fixture.advance(fixture.r1, through: [.examination])
        #expect {
            try fixture.homeward.setIdentificationStatus(fixture.olena, record: fixture.r1, to: .examination)
        } throws: { error in
            error.localizedDescription.hasPrefix("\(fixture.r1) is already examination; it can become dna_sampled, match_candidate")
        }
    }
}
