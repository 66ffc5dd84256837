import Foundation
import GRDB
import Testing
@testable import HomewardCore

/// `identified` takes two distinct people: one proposes, others confirm (DESIGN §4, issue 8).
@Suite struct FourEyesTests {
    @Test func dnaNeedsOneConfirmationByAnotherCoordinator() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination, .dnaSampled, .matchCandidate])
        let proposed = try f.homeward.setIdentificationStatus(
            f.olena, record: f.r1, to: .identified, IdentificationStep(method: .dna, evidence: "LAB-2025-114", note: "report 17"))
        #expect(proposed.kind == "proposal" && proposed.status == "match_candidate" && proposed.needed == 1)
        #expect(try f.status(f.r1) == "match_candidate", "a proposal changes nothing yet")
        let view = try f.homeward.returnedRecord(f.olena, address: f.r1)
        #expect(view.pendingProposal?.needed == 1 && view.pendingProposal?.confirmations == 0 && view.pendingProposal?.proposedBy == "olena")
        #expect(try f.lastAudit("ident.propose")?.outcome == .ok)

        // The proposer cannot confirm: a permission refusal (77), audited as denied, nothing written.
        let events = try f.events()
        #expect {
            try f.homeward.confirmIdentification(f.olena, record: f.r1)
        } throws: { error in
            error.failureKind == .accessDenied && error.localizedDescription.contains("you proposed this identification")
        }
        #expect(try f.events() == events)
        let denied = try #require(try f.lastAudit("ident.confirm"))
        #expect(denied.outcome == .denied && denied.details.contains("four-eyes"))

        let confirmed = try f.homeward.confirmIdentification(f.petro, record: f.r1)
        #expect(confirmed.inEffect && confirmed.confirmations == 1 && confirmed.needed == 1)
        #expect(confirmed.inquiry == f.reference && confirmed.inquiryStatus == "resolved")
        #expect(try f.status(f.r1) == "identified")
        #expect(try f.inquiryStatus() == "resolved")
        let history = try f.homeward.identificationHistory(f.olena, record: f.r1)
        #expect(history.map(\.kind) == ["change", "change", "change", "proposal", "confirmation", "change"])
        #expect(history.last?.by == "petro" && history.last?.proposalID == proposed.proposalID && history.last?.method == "dna")
        #expect(history.last?.evidence == "LAB-2025-114" && history.last?.linkID == f.linkID)
        #expect(try f.homeward.returnedRecord(f.olena, address: f.r1).pendingProposal == nil)

        // A second confirmation after it took effect is "changed meanwhile".
        #expect {
            try f.homeward.confirmIdentification(f.ivan, record: f.r1)
        } throws: { error in
            (error as? CaseworkError).map { if case .changedMeanwhile = $0 { true } else { false } } == true
                && error.localizedDescription.contains("already in effect")
        }
    }

    @Test func documentsNeedTwoDistinctCoordinatorsNeitherTheProposer() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        let proposed = try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .identified, IdentificationStep(method: .documents))
        #expect(proposed.needed == 2)
        let first = try f.homeward.confirmIdentification(f.petro, record: f.r1, note: "military ID checked")
        #expect(!first.inEffect && first.confirmations == 1 && first.status == "examination")
        #expect(try f.status(f.r1) == "examination")
        #expect(try f.inquiryStatus() == "linked")
        let pending = try f.homeward.returnedRecord(f.olena, address: f.r1).pendingProposal
        #expect(pending?.confirmations == 1 && pending?.needed == 2 && pending?.confirmedBy == ["petro"])

        #expect {
            try f.homeward.confirmIdentification(f.petro, record: f.r1)
        } throws: { error in
            error.failureKind == .accessDenied && error.localizedDescription.contains("already confirmed")
        }
        #expect(throws: AccessError.self) { try f.homeward.confirmIdentification(f.olena, record: f.r1) }
        let second = try f.homeward.confirmIdentification(f.ivan, record: f.r1, proposal: proposed.proposalID)
        #expect(second.inEffect && second.confirmations == 2)
        #expect(try f.status(f.r1) == "identified" && f.inquiryStatus() == "resolved")
    }

    @Test func visualAlsoNeedsTwoAndOtherIsRefused() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        #expect {
            try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .identified, IdentificationStep(method: .other))
        } throws: { error in
            error.failureKind == .badInput && error.localizedDescription.hasPrefix("method: other is no basis for identified")
        }
        #expect {
            try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .identified)
        } throws: { error in
            error.localizedDescription.hasPrefix("method: required for identified")
        }
        #expect(try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .identified, IdentificationStep(method: .visual)).needed == 2)
        #expect(IdentificationRules.confirmationsNeeded(.fingerprints) == 1 && IdentificationRules.confirmationsNeeded(.dental) == 1)
    }

    @Test func nonCoordinatorsCannotConfirm() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        _ = try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .identified, IdentificationStep(method: .dna))
        for actor in [f.vera, f.auditor, f.admin] {
            #expect(throws: AccessError.denied(role: actor.role, permission: .confirmIdentification)) {
                try f.homeward.confirmIdentification(actor, record: f.r1)
            }
        }
        #expect(try f.status(f.r1) == "examination")
    }

    @Test func aStatusChangeMakesTheProposalStale() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        _ = try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .identified, IdentificationStep(method: .dna))
        // A volunteer sends the remains back for sampling meanwhile.
        _ = try f.homeward.setIdentificationStatus(f.vera, record: f.r1, to: .dnaSampled)
        #expect(try f.homeward.returnedRecord(f.olena, address: f.r1).pendingProposal == nil)
        let events = try f.events()
        #expect {
            try f.homeward.confirmIdentification(f.petro, record: f.r1)
        } throws: { error in
            error.failureKind == .badInput && error.localizedDescription.hasPrefix("changed meanwhile: ")
                && error.localizedDescription.contains("became dna_sampled (by vera")
        }
        #expect(try f.events() == events)
        #expect(try f.lastAudit("ident.confirm")?.outcome == .failed)
    }

    @Test func aChangedLinkMakesTheProposalStale() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        _ = try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .identified, IdentificationStep(method: .fingerprints))
        _ = try f.homeward.rejectLink(f.ivan, id: f.linkID, reason: "fingerprints belong to another file")
        #expect {
            try f.homeward.confirmIdentification(f.petro, record: f.r1)
        } throws: { error in
            error.localizedDescription.hasPrefix("changed meanwhile: the confirmed link of \(f.r1) changed")
        }
        #expect(try f.status(f.r1) == "examination")
    }

    @Test func aNewProposalReplacesThePendingOneAndAnOutdatedIdIsRefused() throws {
        let f = try IdentificationFixture()
        try f.advance(f.r1, through: [.examination])
        let first = try f.homeward.setIdentificationStatus(f.olena, record: f.r1, to: .identified, IdentificationStep(method: .visual))
        _ = try f.homeward.confirmIdentification(f.petro, record: f.r1)
        let second = try f.homeward.setIdentificationStatus(f.ivan, record: f.r1, to: .identified, IdentificationStep(method: .dna))
        #expect(second.replacedProposal == first.proposalID)
        let pending = try f.homeward.returnedRecord(f.olena, address: f.r1).pendingProposal
        #expect(pending?.id == second.proposalID && pending?.confirmations == 0 && pending?.proposedBy == "ivan")
        #expect {
            try f.homeward.confirmIdentification(f.petro, record: f.r1, proposal: first.proposalID)
        } throws: { error in
            error.localizedDescription.contains("is no longer the newest")
        }
        // A number that was never this record's proposal is said to be so, not "changed meanwhile".
        #expect {
            try f.homeward.confirmIdentification(f.petro, record: f.r1, proposal: 99_999)
        } throws: { error in
            error.localizedDescription.contains("has no proposal 99999; its pending proposal is \(second.proposalID ?? 0)")
        }
        // olena proposed the first, not this one: she may confirm it.
        #expect(try f.homeward.confirmIdentification(f.olena, record: f.r1, proposal: second.proposalID).inEffect)
    }

    @Test func confirmingWithoutAProposalIsRefused() throws {
        let f = try IdentificationFixture()
        #expect {
            try f.homeward.confirmIdentification(f.petro, record: f.r1)
        } throws: { error in
            error.failureKind == .badInput && error.localizedDescription.contains("has no identification proposal")
        }
    }
}
