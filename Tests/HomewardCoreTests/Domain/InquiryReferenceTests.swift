import Testing
@testable import HomewardCore

@Suite struct InquiryReferenceTests {
    @Test func formatsAndParsesRoundTrip() throws {
        let reference = InquiryReference(year: 2025, number: 123)
        let text = reference.description
        #expect(text.hasPrefix("HW-2025-000123-"))
        #expect(try InquiryReference.parse(text) == reference)
        #expect(try InquiryReference.parse(" " + text.lowercased() + " ") == reference)
    }

    /// Property: over a seeded sample, every single-digit change and every swap of two
    /// different neighbouring digits is caught by the check letter.
    @Test func checkLetterCatchesEverySingleDigitErrorAndAdjacentSwap() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            let reference = InquiryReference(year: Int.random(in: 1990...2099, using: &generator),
                                             number: Int.random(in: 1...999_999, using: &generator))
            let text = Array(reference.description)
            let digitPositions = text.indices.filter { text[$0].isNumber }
            for position in digitPositions {
                for digit in "0123456789" where digit != text[position] {
                    var typo = text
                    typo[position] = digit
                    #expect(throws: CaseworkError.self) { try InquiryReference.parse(String(typo)) }
                }
            }
            for (a, b) in zip(digitPositions, digitPositions.dropFirst()) where b == a + 1 && text[a] != text[b] {
                var swapped = text
                swapped.swapAt(a, b)
                #expect(throws: CaseworkError.referenceCheckFailed(String(swapped))) { try InquiryReference.parse(String(swapped)) }
            }
        }
    }

    @Test func malformedReferencesAreNamedAsSuch() {
        // Found by fuzz-references: an empty part and a "+" read as a sign were accepted.
        for text in ["", "HW-2025-123-K", "XX-2025-000123-K", "HW-2025-000123", "HW-20a5-000123-K",
                     "HW-2025-000123--N", "HW--2025-000123-N", "HW-2025-+00123-N", "HW-+025-000123-R"] {
            #expect(throws: CaseworkError.malformedReference(text)) { try InquiryReference.parse(text) }
        }
    }
}
