import Testing
@testable import HomewardCore

@Suite struct CellTests {
    @Test(arguments: ["\u{061C}", "\u{00AD}", "\u{3164}", "\u{200E}", "\u{202E}", "\u{2066}", "\u{115F}", "\u{FE0F}", "\u{034F}", "\u{180E}", "\u{FEFF}"])
    func invisibleCharactersAreRefusedInNames(_ invisible: String) {
        var form = shevchenkoForm()
        form.familyName = "Шев" + invisible + "ченко"
        guard case let .failure(problems) = form.validate(regions: .standard, today: CalendarDate(validYear: 2025, month: 6, day: 15)) else {
            Issue.record("accepted U+\(String(invisible.unicodeScalars.first?.value ?? 0, radix: 16))")
            return
        }
        #expect(problems.list.map(\.field) == ["family_name"])
        #expect(problems.list[0].message.contains("invisible character (U+"))
    }

    /// The fast path skips the property lookup; it must agree with the rule for every scalar it covers.
    @Test func theFastPathAgreesWithTheRuleForEveryScalarItCovers() {
        for value in UInt32(0)..<0x2000 {
            guard let scalar = Unicode.Scalar(value), Cell.isPlainFast(scalar) else { continue }
            let category = scalar.properties.generalCategory
            #expect(!Cell.isInvisible(scalar) && category != .control, "U+\(String(value, radix: 16))")
        }
    }

    @Test func controlCharactersAreNamedWithFourDigitsAndLineBreaksOnlyWhenThatIsTheProblem() {
        #expect(Cell.problem("bell\u{7}", multiline: false) == "contains a control character (U+0007); remove it")
        #expect(Cell.problem("a\u{1B}[31m", multiline: false)?.contains("line break") == false)
        #expect(Cell.problem("a\nb", multiline: false)?.contains("line breaks are not allowed") == true)
        #expect(Cell.problem("Шевченко Олексій-Іван", multiline: false) == nil)
    }
}
