import Foundation
import Testing
@testable import HomewardCore

/// Runs python3 with argon2-cffi, an independent build of the reference implementation.
enum PythonArgon2 {
    static let isAvailable: Bool = (try? run("import argon2", input: "")) != nil

    /// Runs `python3 -c script` with `input` on standard input; throws on a non-zero exit.
    static func run(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite(
    "argon2-cffi cross-check",
    .enabled(if: PythonArgon2.isAvailable, "python3 with the argon2-cffi module is not installed")
)
struct Argon2CrossCheckTests {
    /// NFC and NFKC already, so Python (which does not normalise) hashes the same bytes.
    let password = "Шевченко Олексій, річка Дніпро 1987"

    @Test("argon2-cffi verifies a hash made by PasswordHasher with the policy parameters")
    func pythonVerifiesOurs() throws {
        let phc = try PasswordHasher().hash(password)
        let script = """
            import sys, argon2
            phc, pw = sys.stdin.read().split("\\n", 1)
            print(argon2.PasswordHasher().verify(phc, pw))
            """
        #expect(try PythonArgon2.run(script, input: phc + "\n" + password) == "True")
        let wrong = try? PythonArgon2.run(script, input: phc + "\n" + password + "!")
        #expect(wrong == nil)
    }

    @Test("PasswordHasher verifies a hash made by argon2-cffi's defaults")
    func weVerifyPythons() throws {
        let script = "import sys, argon2; print(argon2.PasswordHasher().hash(sys.stdin.read()))"
        let phc = try PythonArgon2.run(script, input: password)
        let hasher = PasswordHasher()
        let parsed = try PHCString(parsing: phc)
        let stronger = !parsed.parameters.isWeaker(than: hasher.parameters)
        #expect(try hasher.verify(password, against: phc) == .match(needsRehash: !stronger))
        #expect(try hasher.verify(password + "!", against: phc) == .mismatch)
    }
}
