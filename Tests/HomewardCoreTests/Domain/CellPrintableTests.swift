import Testing
@testable import HomewardCore

@Suite struct CellPrintableTests {
    @Test(arguments: [
        ("bell\u{07}", "bellU+0007"),
        ("\u{1B}[31mred", "U+001B[31mred"),
        ("del\u{7F}", "delU+007F"),
        ("c1\u{9B}", "c1U+009B"),
        ("\u{202E}gpj.exe", "U+202Egpj.exe"),
        ("arabic mark\u{061C}", "arabic markU+061C"),
        ("soft\u{AD}hyphen", "softU+00ADhyphen"),
        ("line\u{2028}separator", "lineU+2028separator"),
        ("tag\u{E0001}", "tagU+E0001"),
    ])
    func charactersThatCouldForgeOutputAreNamedByCodePoint(_ text: String, _ shown: String) {
        #expect(Cell.printable(text) == shown)
        #expect(Cell.printable(text, multiline: true) == shown)
    }

    @Test func lineBreaksAndTabsStayInMultiLineTextOnly() {
        #expect(Cell.printable("one\ntwo\tthree", multiline: true) == "one\ntwo\tthree")
        #expect(Cell.printable("one\r\ntwo", multiline: true) == "one\ntwo")
        // A lone carriage return would overwrite the line it ends.
        #expect(Cell.printable("paid\rowed", multiline: true) == "paidU+000Dowed")
        #expect(Cell.printable("one\ntwo\tthree") == "oneU+000AtwoU+0009three")
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["Шевченко Олексій", "Zaporizhzhia — «Запоріжжя»", "O'Brien", "إبراهيم", "日本", "café"] {
            #expect(Cell.printable(text, multiline: true) == text)
        }
    }

    @Test func storingAnEscapeDoesNotTalkAboutLineBreaks() throws {
        let escape = try #require(Cell.problem("Шев\u{1B}[2Jченко", multiline: false))
        #expect(escape.contains("U+001B"))
        #expect(!escape.contains("line break"))
        let newline = try #require(Cell.problem("one\ntwo", multiline: false))
        #expect(newline.contains("U+000A") && newline.contains("line break"))
        #expect(Cell.problem("one\ntwo", multiline: true) == nil)
    }
}
