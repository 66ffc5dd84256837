import HomewardCore

extension DemoRun {
    /// Matching, then the people's work on its candidates: the coordinator confirms links she
    /// has checked, the volunteer examines and samples the remains of her batch, identifications
    /// are proposed by one coordinator and confirmed by the other (four-eyes), and returnees'
    /// identities are verified from their documents.
    func matchAndIdentify() throws {
        let homeward = try store
        let coordinator = try actor(DemoStaff.coordinator)
        for batch in batches where batch.manifestRecords > 0 {
            let matches = try homeward.matchBatch(coordinator, code: batch.code, top: 3, save: true)
            candidates += matches.saved?.added ?? 0
        }
        for batch in batches where batch.manifestRecords > 0 && batch.date == DemoCast.firstTransferDate {
            try identifyRemains(in: batch.code)
        }
        for batch in batches where batch.manifestRecords > 0 && batch.kind == "pow_exchange" {
            try verifyReturnees(in: batch.code)
        }
    }

    /// Records whose best candidate is the person they truly are (the demo knows), named
    /// ones first: what a careful coordinator would confirm.
    func trueMatches(in code: String) throws -> [(record: String, link: LinkView, person: Int)] {
        guard let manifest = manifests[code] else { return [] }
        var seen = Set<String>()
        var found: [(record: String, link: LinkView, person: Int)] = []
        for link in try store.links(try actor(DemoStaff.coordinator), batch: code, state: "candidate") {
            guard let record = link.record, seen.insert(record).inserted else { continue }
            let tag = String(record.dropFirst(code.count + 1))
            guard manifest.named.contains(tag), let person = manifest.personByTag[tag],
                  cast.fullName(of: person) == link.name else { continue }
            found.append((record, link, person))
        }
        return found
    }

    private func identifyRemains(in code: String) throws {
        let homeward = try store
        let coordinator = try actor(DemoStaff.coordinator)
        let volunteer = try actor(DemoStaff.volunteer)
        var matches = try trueMatches(in: code)
        // One English-speaking family among the identified, so that its report says so in English.
        if let english = matches.firstIndex(where: { cast.language(of: $0.person) == .en }) {
            matches.insert(matches.remove(at: english), at: 0)
        }
        let chosen = Array(matches.prefix(story.scale.identified + 2))
        for (record, link, person) in chosen {
            _ = try homeward.confirmLink(coordinator, id: link.id)
            confirmedLinks += 1
            linkedReferences[link.reference] = person
            for (status, evidence) in [(IdentificationStatus.examination, nil), (.dnaSampled, "DEMO-LAB-\(link.id)"), (.matchCandidate, nil)] {
                _ = try homeward.setIdentificationStatus(volunteer, record: record, to: status,
                                                         IdentificationStep(evidence: evidence, note: "fictional demo step"))
            }
        }
        // More remains under examination, not yet matched to anyone.
        let examined = Set(chosen.map(\.record))
        for tag in (manifests[code]?.personByTag.keys.sorted() ?? []).prefix(20) where !examined.contains("\(code)/\(tag)") {
            _ = try homeward.setIdentificationStatus(volunteer, record: "\(code)/\(tag)", to: .examination)
        }
        let second = try actor(DemoStaff.secondCoordinator)
        for (index, match) in chosen.enumerated() {
            _ = try homeward.setIdentificationStatus(
                coordinator, record: match.record, to: .identified,
                IdentificationStep(method: .dna, evidence: "DEMO-DNA-\(match.link.id)", note: "fictional demo identification"))
            // The last two wait for the second coordinator.
            guard index < story.scale.identified else {
                awaitingConfirmation.append(match.record)
                continue
            }
            _ = try homeward.confirmIdentification(second, record: match.record, note: "checked the laboratory report")
            identified.append(match.record)
            identifiedReferences.append((match.link.reference, match.person))
        }
        if let first = identified.first {
            _ = try homeward.setIdentificationStatus(coordinator, record: first, to: .familyNotified,
                                                     IdentificationStep(note: "fictional demo: the family was told", via: .phone))
        }
    }

    private func verifyReturnees(in code: String) throws {
        let homeward = try store
        let coordinator = try actor(DemoStaff.coordinator)
        for (record, link, person) in try trueMatches(in: code).prefix(5) {
            _ = try homeward.confirmLink(coordinator, id: link.id)
            confirmedLinks += 1
            linkedReferences[link.reference] = person
            _ = try homeward.setIdentificationStatus(
                coordinator, record: record, to: .identityVerified,
                IdentificationStep(method: .documents, evidence: "military ID (fictional)", note: "met at the transfer point"))
            identityVerified.append(record)
        }
    }
}
