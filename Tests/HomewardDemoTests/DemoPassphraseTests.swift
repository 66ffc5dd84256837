import HomewardCore
import Testing
@testable import HomewardDemo

struct DemoPassphraseTests {
    @Test func passphrasesAreFiveDifferentWordsThePolicyAccepts() throws {
        for name in ["admin", "olena", "mykola", "taras", "iryna"] {
            let phrase = DemoPassphrase.make(for: name, policy: .standard, randomBytes: HomewardEnvironment.systemRandomBytes)
            let words = phrase.split(separator: " ")
            #expect(words.count == 5)
            #expect(Set(words).count == 5)
            #expect(words.allSatisfy { DemoPassphrase.list.contains(String($0)) })
            try PasswordPolicy.standard.check(phrase, username: name)
        }
    }

    @Test func passphrasesComeFromTheRandomSourceNotTheSeed() {
        var counter: UInt8 = 0
        let counting: (Int) -> [UInt8] = { count in
            (0..<count).map { _ in
                counter &+= 37
                return counter
            }
        }
        let first = DemoPassphrase.make(for: "olena", policy: .standard, randomBytes: counting)
        let second = DemoPassphrase.make(for: "olena", policy: .standard, randomBytes: counting)
        #expect(first != second)
        let live = (0..<5).map { _ in
            DemoPassphrase.make(for: "olena", policy: .standard, randomBytes: HomewardEnvironment.systemRandomBytes)
        }
        #expect(Set(live).count == 5)
    }

    @Test func bytesThatWouldFavourTheFirstWordsAreDrawnAgain() {
        // 255 is past the last whole multiple of the list's length, so it is skipped.
        var bytes: [UInt8] = [255, 0, 255, 1, 2, 3, 4]
        let phrase = DemoPassphrase.make(for: "olena", policy: .standard) { _ in [bytes.removeFirst()] }
        #expect(phrase == DemoPassphrase.list[0...4].joined(separator: " "))
    }
}
