import Foundation
import Synchronization

extension RegionDirectory {
    /// Accepts a code ("UA-09", "ua-09"), any name or alias in any script, case-, apostrophe- (' ’ ʼ ` ‘) and whitespace-insensitive, with or without a region word (oblast, obl., region, область, обл., etc.), and spellings that reduce to the same NameKey. Never silently accepts a mere near-miss.
    ///
    /// A name alone means the place of that name, so "Kyiv" and "Київ" are the city
    /// (UA-30), while a region word picks the oblast: "Kyiv Oblast", "Київ обл." and the
    /// adjective "Київська" are UA-32. City words ("city", "м.", "г.") are accepted too.
    /// - Throws: `RegionError.empty` for a blank value; `RegionError.unknown` with up to
    ///   three suggestions when nothing matches exactly or a form fits several regions.
    public func resolve(_ input: String) throws(RegionError) -> Region {
        if let index = indexByExactName[input] ?? resolved[input] { return all[index] }
        let region = try resolveSpelling(input)
        if let index = index(code: region.code) { resolved[input] = index }
        return region
    }

    private func resolveSpelling(_ input: String) throws(RegionError) -> Region {
        let phrase = RegionPhrase(input)
        guard !phrase.words.isEmpty else {
            if phrase.hasRegionWord || phrase.hasCityWord { throw .unknown(Self.trimmed(input), suggestions: []) }
            throw .empty
        }
        if let index = indexByCompactCode[phrase.compact] { return all[index] }

        var key: String?
        for (table, marked) in lookupOrder(for: phrase) {
            if let match = table.match(plain: marked ? phrase.marked(phrase.plain) : phrase.plain) {
                return try region(for: match, input: input)
            }
            let phraseKey = key ?? phrase.key
            key = phraseKey
            if let match = table.match(key: marked ? phrase.marked(phraseKey) : phraseKey) {
                return try region(for: match, input: input)
            }
        }
        throw .unknown(Self.trimmed(input), suggestions: closest(to: input, limit: 3).map(\.label))
    }

    /// Regions whose names are spelled most like the input, nearest first.
    ///
    /// Compares name keys by edit distance, counting a name that starts with the input as
    /// one edit away. Names more than a third of the input's length away (at least one
    /// edit) are left out, so gibberish gets no suggestions rather than random ones.
    public func closest(to input: String, limit: Int) -> [Region] {
        guard limit > 0 else { return [] }
        let key = RegionPhrase(input).key
        guard !key.isEmpty else { return [] }
        let length = key.unicodeScalars.count
        let threshold = max(1, length / 3)
        var best: [Int: Int] = [:]
        for (formKey, region) in suggestionKeys {
            var score = EditDistance.distance(key, formKey, limit: threshold)
            if length >= 3, formKey.hasPrefix(key) { score = min(score ?? 1, 1) }
            if let score, score < best[region, default: .max] { best[region] = score }
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(limit).map { all[$0.key] }
    }

    /// Which form tables to try, and whether with region and city markers, in order.
    ///
    /// Without a marker the full names win ("Kyiv" is the city); a region word prefers the
    /// oblast's names before falling back to the bare name ("Crimea region"); a city word
    /// prefers the bare name ("Kharkiv city" is the Kharkiv region's only entry).
    private func lookupOrder(for phrase: RegionPhrase) -> [(RegionFormIndex, marked: Bool)] {
        if phrase.hasCityWord { return [(names, true), (names, false), (shortNames, false)] }
        if phrase.hasRegionWord { return [(names, true), (shortNames, false), (names, false)] }
        return [(names, false), (shortNames, false)]
    }

    private func region(for match: RegionMatch, input: String) throws(RegionError) -> Region {
        switch match {
        case .region(let index):
            return all[index]
        case .ambiguous(let indices):
            throw .unknown(Self.trimmed(input), suggestions: indices.prefix(3).map { all[$0].label })
        }
    }

    private static func trimmed(_ input: String) -> String {
        String(Cell.trimmed(input))
    }
}

/// Spellings resolved before, and their regions' indices, under a lock; at most
/// ``capacity`` of them, so that a hostile file cannot grow it without bound.
final class ResolvedSpellings: Sendable {
    static let capacity = 4_096
    private let spellings = Mutex<[String: Int]>([:])

    subscript(input: String) -> Int? {
        get { spellings.withLock { $0[input] } }
        set {
            guard let newValue else { return }
            spellings.withLock { if $0.count < Self.capacity { $0[input] = newValue } }
        }
    }
}
