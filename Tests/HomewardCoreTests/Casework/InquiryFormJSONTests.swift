import Foundation
import Testing
@testable import HomewardCore

@Suite struct InquiryFormJSONTests {
    static let complete = #"""
        {"person": {"family_name": "Шевченко", "given_name": "Олексій", "last_known_region": "UA-14",
                    "last_seen": "2023-05-20", "date_of_birth": "1994-03-12"},
         "contact": {"inquirer_name": "Шевченко Марія", "relationship": "мати", "phone": "050 123 45 67"},
         "consent_tracing": true, "consent_dna": "no", "language": "uk", "notes": null}
        """#

    @Test func aFormShapedLikeShowJSONFillsTheFields() throws {
        let form = try InquiryForm.fromJSON(Data(Self.complete.utf8))
        #expect(form.familyName == "Шевченко" && form.dateLastSeen == "2023-05-20" && form.phone == "050 123 45 67")
        #expect(form.consentTracing == "yes" && form.consentDNA == "no" && form.notes == "")
        let (homeward, _, olena) = try makeCasework()
        let reference = try homeward.addInquiry(olena, form).reference
        let view = try homeward.inquiry(olena, reference: reference)
        #expect(view.contact?.phone == "+380501234567" && view.consentTracing)
    }

    @Test func systemAndUnknownFieldsAreRefusedByName() {
        let json = #"""
            {"reference": "HW-2025-000001-K", "status": "open", "person": {"family_name": "X", "latin_name": "X",
             "famly_name": "Y"}, "contact": {"phone": 380501234567, "given_name": "Z"}, "colour": "red"}
            """#
        #expect {
            try InquiryForm.fromJSON(Data(json.utf8))
        } throws: { error in
            guard case let CaseworkError.invalid(problems) = error else { return false }
            let text = problems.map(\.description)
            return text.contains { $0.hasPrefix("form.reference: is set by Homeward") }
                && text.contains { $0.hasPrefix("form.status: is set by Homeward") }
                && text.contains { $0.hasPrefix("form.person.latin_name: is set by Homeward") }
                && text.contains { $0.hasPrefix("form.person: unknown field \"famly_name\"; allowed: family_name") }
                && text.contains { $0.hasPrefix("form: unknown field \"colour\"; allowed: consent_tracing") }
                && text.contains("form.contact: unknown field \"given_name\"; it belongs in \"person\"")
                && text.contains("form.contact.phone: must be a string in quotes, or null to clear it")
                && !text.joined().contains("380501234567")
        }
    }

    @Test(arguments: ["", "[1, 2]", "{\"person\": 3}", "not json Коваленко"])
    func malformedFormsAreRefusedWithoutRepeatingThem(_ text: String) {
        #expect {
            try InquiryForm.fromJSON(Data(text.utf8))
        } throws: { error in
            guard case let CaseworkError.invalid(problems) = error else { return false }
            return problems.count == 1 && problems[0].field.hasPrefix("form") && !problems[0].message.contains("Коваленко")
        }
    }

    @Test func anUpdateFormChangesOnlyWhatItHoldsAndNullClears() throws {
        let (homeward, _, olena) = try makeCasework()
        let reference = try homeward.addInquiry(olena, shevchenkoForm()).reference
        let changes = try InquiryForm.fromJSON(Data(#"{"person": {"unit": "47 ОМБр", "service_number": null}}"#.utf8))
        #expect(try homeward.updateInquiry(olena, reference: reference, changes: changes) == ["service_number", "unit"])
        #expect(InquiryForm.formPath(of: "date_of_birth") == "person.date_of_birth")
        #expect(InquiryForm.formPath(of: "received_on") == "received_on")
        let person = try homeward.inquiry(olena, reference: reference).person
        #expect(person.unit == "47 ОМБр" && person.serviceNumber == nil && person.familyName == "Шевченко")
    }
}
