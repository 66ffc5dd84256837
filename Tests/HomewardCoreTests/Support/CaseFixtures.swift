import Foundation
@testable import HomewardCore

/// A database with an admin and a logged-in coordinator "olena".
func makeCasework(clock: TestClock = TestClock()) throws -> (homeward: Homeward, admin: Actor, coordinator: Actor) {
    let (homeward, admin) = try makeHomeward(clock: clock)
    let olena = try addAndLogin(homeward, admin: admin, name: "olena", role: .coordinator)
    return (homeward, admin, olena.actor)
}

/// A complete, valid inquiry about Шевченко Олексій.
func shevchenkoForm() -> InquiryForm {
    var form = InquiryForm()
    form.familyName = "Шевченко"
    form.givenName = "Олексій"
    form.patronymic = "Петрович"
    form.dateOfBirth = "1994-03-12"
    form.sex = "ч"
    form.serviceNumber = "ЗСУ-4471203"
    form.lastKnownRegion = "Донецька область"
    form.dateLastSeen = "2023-05-20"
    form.inquirerName = "Шевченко Марія"
    form.relationship = "мати"
    form.phone = "050 123 45 67"
    form.consentTracing = "yes"
    form.receivedOn = "2025-01-14"
    return form
}

/// Bytes of a CSV file from lines joined with `newline`.
func csv(_ lines: [String], newline: String = "\n", bom: Bool = false) -> [UInt8] {
    (bom ? [0xEF, 0xBB, 0xBF] : []) + Array((lines.joined(separator: newline) + newline).utf8)
}
