/// Typo-tolerant comparison of name keys.
public enum EditDistance {
    /// Optimal-string-alignment (Damerau) distance between two keys, or nil when it exceeds `limit` (early exit; must be fast: called on tens of thousands of keys per search).
    ///
    /// Insertions, deletions, substitutions and swaps of two neighbours cost one each; no
    /// substring is edited twice. Keys are compared by byte when both are ASCII (as keys
    /// of Latin and Cyrillic names are) and by Unicode scalar otherwise. Only cells within
    /// `limit` of the diagonal are computed, so the cost is about length × (2 × limit + 1).
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        guard limit >= 0 else { return nil }
        var a = a
        var b = b
        let ascii = a.withUTF8 { pa in b.withUTF8 { pb in isASCII(pa) && isASCII(pb) } }
        if ascii {
            return a.withUTF8 { pa in b.withUTF8 { pb in alignment(pa, pb, limit: limit) } }
        }
        let sa = a.unicodeScalars.map(\.value)
        let sb = b.unicodeScalars.map(\.value)
        return sa.withUnsafeBufferPointer { pa in sb.withUnsafeBufferPointer { pb in alignment(pa, pb, limit: limit) } }
    }

    /// The largest distance treated as a typo for a key of this length (0 for ≤3 chars, 1 for ≤6, 2 otherwise).
    ///
    /// Short keys get none because one edit turns most three-letter names into another
    /// real name.
    public static func typoAllowance(forLength n: Int) -> Int {
        switch n {
        case ...3: 0
        case ...6: 1
        default: 2
        }
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    @inline(__always)
    private static func alignment<Element: Equatable>(
        _ first: UnsafeBufferPointer<Element>, _ second: UnsafeBufferPointer<Element>, limit: Int
    ) -> Int? {
        var x = first
        var y = second
        // A shared prefix or suffix never changes the distance; trimming it keeps the table small.
        var prefix = 0
        while prefix < x.count, prefix < y.count, x[prefix] == y[prefix] { prefix += 1 }
        x = UnsafeBufferPointer(rebasing: x[prefix...])
        y = UnsafeBufferPointer(rebasing: y[prefix...])
        var suffix = 0
        while suffix < x.count, suffix < y.count, x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        x = UnsafeBufferPointer(rebasing: x[..<(x.count - suffix)])
        y = UnsafeBufferPointer(rebasing: y[..<(y.count - suffix)])
        if x.count > y.count { swap(&x, &y) }

        let n = x.count
        let m = y.count
        if m - n > limit { return nil }
        if n == 0 { return m }
        return banded(x, y, limit: limit)
    }

    /// The banded dynamic programme over three rolling rows, rows over `y`, columns over `x`.
    private static func banded<Element: Equatable>(
        _ x: UnsafeBufferPointer<Element>, _ y: UnsafeBufferPointer<Element>, limit: Int
    ) -> Int? {
        let n = x.count
        let m = y.count
        let beyond = limit + 1  // stands for every value over the limit
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (n + 1)) { storage in
            storage.initialize(repeating: beyond)
            var twoBack = UnsafeMutableBufferPointer(rebasing: storage[0...n])
            var previous = UnsafeMutableBufferPointer(rebasing: storage[(n + 1)...(2 * n + 1)])
            var current = UnsafeMutableBufferPointer(rebasing: storage[(2 * n + 2)...])
            for column in 0...min(n, limit) { previous[column] = column }

            for row in 1...m {
                let low = max(1, row - limit)
                let high = min(n, row + limit)
                // Cells just outside the band are read by this row and the next two.
                current[low - 1] = low == 1 ? min(row, beyond) : beyond
                var rowMinimum = current[low - 1]
                let yChar = y[row - 1]
                if low <= high {
                    for column in low...high {
                        let cost = x[column - 1] == yChar ? 0 : 1
                        var value = min(previous[column - 1] + cost, previous[column] + 1, current[column - 1] + 1)
                        if row > 1, column > 1, x[column - 1] == y[row - 2], x[column - 2] == yChar {
                            value = min(value, twoBack[column - 2] + 1)
                        }
                        value = min(value, beyond)
                        current[column] = value
                        rowMinimum = min(rowMinimum, value)
                    }
                }
                if high < n { current[high + 1] = beyond }
                if rowMinimum > limit { return nil }
                (twoBack, previous, current) = (previous, current, twoBack)
            }
            let result = previous[n]
            return result > limit ? nil : result
        }
    }
}
