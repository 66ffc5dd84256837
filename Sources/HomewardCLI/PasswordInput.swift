import Foundation
import HomewardCore

/// Reads passwords from standard input (one line each) or from the terminal without echo.
/// Passwords are never taken as arguments, where `ps` and shell history would see them.
struct PasswordInput {
    let fromStandardInput: Bool

    /// Reads one password; with `confirm`, a terminal user types it twice.
    func read(prompt: String, confirm: Bool = false) throws -> String {
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else {
                throw CLIError.usage("--password-stdin: standard input ended before a password line")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let first = try Self.readFromTerminal(prompt: prompt)
        if confirm {
            let second = try Self.readFromTerminal(prompt: "Repeat to confirm: ")
            guard first == second else { throw CLIError.usage("the two passwords differ; try again") }
        }
        return first
    }

    private static func readFromTerminal(prompt: String) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else {
            throw CLIError.usage("no terminal to read a password from; pipe it in with --password-stdin")
        }
        defer { close(tty) }
        var saved = termios()
        tcgetattr(tty, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(tty, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            _ = "\n".withCString { write(tty, $0, 1) }
        }
        // The prompt names the user as typed; the terminal must not obey what the name holds.
        _ = Cell.printable(prompt).withCString { write(tty, $0, strlen($0)) }
        var bytes = [UInt8]()
        var byte: UInt8 = 0
        while Foundation.read(tty, &byte, 1) == 1, byte != 10 {
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
