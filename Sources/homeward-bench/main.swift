import Foundation
import HomewardCore

// homeward-bench: generates synthetic data with a fixed seed and prints one line per
// measurement (release build: `make bench`). Usage:
//   homeward-bench [--rows N] [--manifest N] [--queries N] [--runs N]
let arguments = Array(CommandLine.arguments.dropFirst())
func value(_ flag: String, default fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count, let number = Int(arguments[index + 1])
    else { return fallback }
    return number
}
let settings = BenchSettings(
    rows: value("--rows", default: 100_000), manifestRows: value("--manifest", default: 6_000),
    queries: value("--queries", default: 300), runs: value("--runs", default: 3))
do {
    try Benchmarks(settings).runAll()
} catch {
    FileHandle.standardError.write(Data("homeward-bench: \(error.localizedDescription)\n".utf8))
    exit(1)
}
