import Foundation
import Testing
@testable import HomewardCore

@Suite("PasswordPolicy")
struct PasswordPolicyTests {
    let policy = PasswordPolicy.standard
    /// The standard rules without the blocklist, to see the pattern rules on their own.
    let patternsOnly = PasswordPolicy(minimumLength: 15, maximumLength: 256, blockedPasswords: [], contextWords: ["homeward"])

    @Test("good passphrases pass", arguments: [
        "correct horse battery staple",
        "glacier lantern oboe ribbon",
        "the tide rolls in at half past nine",
        "Мама пече пиріг у неділю вранці",
        "Шевченко читав вірші біля Дніпра",
        "mon chat adore les crêpes au miel",
        "violet kettle under 7 bridges",
        "🌻 соняшник tall as a 🚒 fire truck",
    ])
    func goodPassphrases(password: String) throws {
        try policy.check(password, username: "olena.koval")
    }

    @Test("length counts code points after NFKC, not bytes", arguments: [
        ("Слава Україні!", 14),  // 26 UTF-8 bytes
        ("🌻🕊🚒🌻🕊🚒🌻🕊🚒🌻", 10),  // 40 UTF-8 bytes
        (String(repeating: "e\u{301}", count: 8), 8),  // 16 scalars decomposed, 8 composed
        ("hunter2", 7),
    ])
    func tooShort(password: String, length: Int) {
        #expect(throws: PasswordPolicyError.tooShort(length: length, minimum: 15)) {
            try policy.check(password, username: "olena")
        }
    }

    @Test("exactly the minimum and maximum are accepted; one more is too long")
    func bounds() throws {
        try patternsOnly.check("violet kettle 7", username: "")
        let long = """
            On the first cold morning of autumn the ferry left the quay an hour late, \
            carrying twelve crates of apples, a tired brass band, two priests arguing about \
            football, and my grandmother's green bicycle with the squeaking bell that nobody \
            ever managed to repair properly
            """
        try #require(long.unicodeScalars.count > 256)
        let maximum = String(String.UnicodeScalarView(long.unicodeScalars.prefix(256)))
        try policy.check(maximum, username: "olena")
        #expect(throws: PasswordPolicyError.tooLong(length: 257, maximum: 256)) {
            try policy.check(maximum + "x", username: "olena")
        }
    }

    @Test("common passwords are refused, also padded with digits and symbols", arguments: [
        "1qaz2wsx3edc4rfv", "password1234567!", "!!!password2024!!", "p@ssw0rd20242025", "Dragon_2024_2025!",
    ])
    func common(password: String) {
        #expect(throws: PasswordPolicyError.tooCommon) { try policy.check(password, username: "olena") }
    }

    @Test("the user name is refused, also inside the password and in any case")
    func userName() throws {
        #expect(throws: PasswordPolicyError.containsUserName) {
            try policy.check("olena-likes-green-tea", username: "Olena")
        }
        #expect(throws: PasswordPolicyError.containsUserName) {
            try policy.check("green tea with OLENA at noon", username: "olena")
        }
        #expect(throws: PasswordPolicyError.containsUserName) {
            try policy.check("VioletKettleUnderBridges", username: "violetkettleunderbridges")
        }
        // Names of fewer than 3 characters are refused only as the whole password.
        try policy.check("always green tea at the harbour", username: "al")
    }

    @Test("the word homeward is refused in any case")
    func homeward() {
        #expect(throws: PasswordPolicyError.containsContextWord("homeward")) {
            try policy.check("my HomeWard account key", username: "olena")
        }
    }

    @Test("repetitive strings are refused", arguments: [
        "aaaaaaaaaaaaaaaa", "zebrafishzebrafish", "blue-moon blue-moon blue-moon", "abcabcabcabcabcabc",
        "ab ab ab ab ab ab ab", "1212121212121212", "ЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯЯ",
    ])
    func repetitive(password: String) {
        #expect(throws: PasswordPolicyError.repetitive) { try patternsOnly.check(password, username: "olena") }
        #expect(throws: (any Error).self) { try policy.check(password, username: "olena") }
    }

    @Test("sequential and keyboard runs are refused", arguments: [
        "123456789012345", "abcdefghijklmnop", "qwertyuiopasdfgh", "qwertyuiop12345", "9876543210987654",
        "zyxwvutsrqponmlk", "!@#$%^&*()_+!@#$", "йцукенгшщзхїфіва", "абвгґдеєжзиіїйкл", "a b c d e f g h i j",
    ])
    func sequential(password: String) {
        #expect(throws: PasswordPolicyError.sequential) { try patternsOnly.check(password, username: "olena") }
        #expect(throws: (any Error).self) { try policy.check(password, username: "olena") }
    }

    @Test("messages say how to fix the problem and never contain the password")
    func messages() {
        let password = "zebrafishzebrafish"
        let errors: [PasswordPolicyError] = [
            .tooShort(length: 9, minimum: 15), .tooLong(length: 300, maximum: 256), .containsUserName,
            .containsContextWord("homeward"), .tooCommon, .repetitive, .sequential,
        ]
        for error in errors {
            let message = error.localizedDescription
            #expect(message.hasPrefix("password "))
            #expect(message.contains("; "))
            #expect(!message.contains(password))
        }
        #expect(PasswordPolicyError.tooShort(length: 9, minimum: 15).localizedDescription
            .hasPrefix("password is too short: 9 characters, at least 15 needed"))
    }

    @Test("the embedded blocklist holds the top 10,000 common passwords, lowercase")
    func blocklist() {
        let list = PasswordPolicy.commonPasswords
        #expect(list.count == 10_000)
        #expect(list.contains("password"))
        #expect(list.contains("qwerty"))
        #expect(!list.contains { $0.hasPrefix("#") || $0 != $0.lowercased() })
    }
}
