import HomewardCore

/// `PhoneNumber.parse`, through the C++ shim to libphonenumber.
///
/// Properties: an accepted number is E.164 (`+`, a country code not starting with 0, at
/// most 15 digits in all) and is accepted again as itself, so stored numbers are stable; a
/// refusal says what is wrong; `normalise` agrees with `parse`.
enum PhoneFuzzing {
    static func check(_ input: [UInt8]) throws(PropertyViolation) {
        let text = text(input)
        switch PhoneNumber.parse(text) {
        case let .success(number):
            let digits = number.utf8.dropFirst()
            try require(number.hasPrefix("+") && (2...15).contains(digits.count)
                            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                            && digits.first != UInt8(ascii: "0"),
                        "an accepted number is E.164", "\(shown(text)) → \(shown(number))")
            let again = PhoneNumber.parse(number)
            try require(again == .success(number), "an E.164 number is accepted as itself",
                        "\(shown(text)) → \(number) → \(shown(again))")
            try require(PhoneNumber.normalise(text) == number, "normalise agrees with parse", shown(text))
            _ = PhoneNumber.isKnownRange(number)
        case let .failure(problem):
            try require(!problem.description.isEmpty, "a refusal says what is wrong", shown(text))
            try require(PhoneNumber.normalise(text) == nil, "normalise agrees with parse", shown(text))
        }
    }
}
