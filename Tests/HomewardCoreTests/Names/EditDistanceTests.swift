import Testing
@testable import HomewardCore

@Suite struct EditDistanceTests {
    @Test func knownDistances() {
        #expect(EditDistance.distance("", "", limit: 0) == 0)
        #expect(EditDistance.distance("abc", "abc", limit: 0) == 0)
        #expect(EditDistance.distance("", "abc", limit: 3) == 3)
        #expect(EditDistance.distance("kitten", "sitting", limit: 5) == 3)
        #expect(EditDistance.distance("lugansk", "lugnsk", limit: 2) == 1)
        #expect(EditDistance.distance("abcd", "abdc", limit: 2) == 1)  // a swap is one edit
        #expect(EditDistance.distance("ca", "abc", limit: 5) == 3)  // OSA, not full Damerau (2)
        #expect(EditDistance.distance("WevCenko", "QevCenko", limit: 1) == 1)
    }

    @Test func exceedingTheLimitGivesNil() {
        #expect(EditDistance.distance("kitten", "sitting", limit: 2) == nil)
        #expect(EditDistance.distance("a", "abcd", limit: 2) == nil)
        #expect(EditDistance.distance("abc", "abd", limit: 0) == nil)
        #expect(EditDistance.distance("abc", "abc", limit: -1) == nil)
    }

    @Test func nonASCIIKeysCompareByScalar() {
        #expect(EditDistance.distance("ζωή", "ζωη", limit: 1) == 1)
        #expect(EditDistance.distance("юрій", "iuri", limit: 9) == 4)
    }

    @Test func agreesWithAPlainFullTable() {
        var random = SeededGenerator(seed: 4_242)
        let alphabet = Array("abcQW")
        for _ in 0..<20_000 {
            let a = String((0..<Int.random(in: 0...9, using: &random)).compactMap { _ in alphabet.randomElement(using: &random) })
            let b = String((0..<Int.random(in: 0...9, using: &random)).compactMap { _ in alphabet.randomElement(using: &random) })
            let expected = Self.referenceDistance(a, b)
            for limit in 0...4 {
                let actual = EditDistance.distance(a, b, limit: limit)
                #expect(actual == (expected <= limit ? expected : nil), "\(a) \(b) limit \(limit)")
            }
            #expect(EditDistance.distance(a, b, limit: 4) == EditDistance.distance(b, a, limit: 4))
        }
    }

    @Test func typoAllowanceGrowsWithLength() {
        #expect((0...3).allSatisfy { EditDistance.typoAllowance(forLength: $0) == 0 })
        #expect((4...6).allSatisfy { EditDistance.typoAllowance(forLength: $0) == 1 })
        #expect((7...40).allSatisfy { EditDistance.typoAllowance(forLength: $0) == 2 })
    }

    /// Textbook optimal string alignment over the whole table.
    static func referenceDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in stride(from: 1, through: x.count, by: 1) {
            for j in stride(from: 1, through: y.count, by: 1) {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
