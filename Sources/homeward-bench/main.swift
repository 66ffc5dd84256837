import Foundation
import HomewardCore

// homeward-bench: generates synthetic data with a fixed seed and prints one line per
// measurement (release build: `make bench`). Usage:
//   homeward-bench [--rows N] [--manifest N] [--queries N] [--runs N] [--no-matching]
//   homeward-bench --csv FILE [--rows N]     writes the generated inquiry file only
//   homeward-bench --matching [--quality-persons N] [--seed S] [--speed-persons N] [--no-quality] [--no-speed]
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--runner" { ChildRunner.serve() }
do {
    try ChildRunner.start()
} catch {
    FileHandle.standardError.write(Data("homeward-bench: cannot start its process runner: \(error)\n".utf8))
    exit(1)
}
func value(_ flag: String, default fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count, let number = Int(arguments[index + 1])
    else { return fallback }
    return number
}
let settings = BenchSettings(
    rows: value("--rows", default: 100_000), manifestRows: value("--manifest", default: 6_000),
    queries: value("--queries", default: 300), runs: value("--runs", default: 3))
if let index = arguments.firstIndex(of: "--csv"), index + 1 < arguments.count {
    // Only write the generated inquiry file, e.g. to time the CLI: homeward inquiry import FILE.
    var generator = InquiryCSVGenerator(seed: 2024)
    generator.rows = settings.rows
    do {
        try Data(generator.makeFile()).write(to: URL(fileURLWithPath: arguments[index + 1]))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("homeward-bench: \(error.localizedDescription)\n".utf8))
        exit(73)
    }
}
if arguments.contains("--matching") {
    // Matching only: quality at the given size, speed at 100,000 and 200,000 persons.
    let benchmarks = Benchmarks(settings)
    do {
        try FileManager.default.createDirectory(at: benchmarks.folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: benchmarks.folder) }
        if !arguments.contains("--no-quality") {
            try benchmarks.matchingQuality(persons: value("--quality-persons", default: 20_000), seed: UInt64(value("--seed", default: 7)))
        }
        if !arguments.contains("--no-speed") {
            let persons = value("--speed-persons", default: 100_000)
            try benchmarks.matchingSpeed(sizes: [persons, 2 * persons])
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("homeward-bench: \(error.localizedDescription)\n".utf8))
        exit(1)
    }
}
do {
    try Benchmarks(settings).runAll()
} catch {
    FileHandle.standardError.write(Data("homeward-bench: \(error.localizedDescription)\n".utf8))
    exit(1)
}
