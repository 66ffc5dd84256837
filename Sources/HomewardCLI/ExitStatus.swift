import ArgumentParser
import Foundation
import GRDB
import HomewardCore

/// Runs the command line and maps every outcome to one line on stderr and an exit code.
public enum CommandLineRunner {
    public static func main(_ arguments: [String]? = nil) -> Never {
        // Every file this process creates (database, WAL, backups, token) is owner-only.
        umask(0o077)
        do {
            var command = try HomewardCommand.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as any HomewardFailure {
            fail(error.errorDescription ?? "\(error)", code: code(for: error.kind))
        } catch let error as DatabaseError {
            let (message, code) = describe(error)
            fail(message, code: code)
        } catch {
            // Help, --version and usage errors from ArgumentParser, whether raised while parsing
            // or by a command group run without a subcommand.
            let code = HomewardCommand.exitCode(for: error)
            if code == .success {
                print(HomewardCommand.fullMessage(for: error))
                exit(0)
            }
            if code.rawValue == 64 || error is ValidationError {
                let message = HomewardCommand.message(for: error)
                let firstLine = message.split(separator: "\n").first.map(String.init) ?? "invalid arguments"
                fail(Self.sentence(firstLine.replacingOccurrences(of: "Error: ", with: "")) + " (see 'homeward help')", code: 64)
            }
            let (message, mapped) = describe(error)
            fail(message, code: code.rawValue == 1 ? mapped : code.rawValue)
        }
    }

    /// Lower-cases the first letter and drops a final period, to fit after "error: ".
    static func sentence(_ text: String) -> String {
        var text = text.hasSuffix(".") ? String(text.dropLast()) : text
        if let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true {
            text = first.lowercased() + text.dropFirst()
        }
        return text
    }

    static func describe(_ error: any Error) -> (String, Int32) {
        switch error {
        case let failure as any HomewardFailure:
            return (failure.errorDescription ?? "\(failure)", code(for: failure.kind))
        case let error as DatabaseError:
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return (StorageError.busy.errorDescription ?? "database is busy", 69)
            }
            // The message only: GRDB's description can carry SQL arguments, which may be personal data.
            return ("database error: \(error.message ?? "code \(error.resultCode.rawValue)")", 74)
        default:
            return (error.localizedDescription, 74)
        }
    }

    /// The exit codes of DESIGN §7.
    static func code(for kind: FailureKind) -> Int32 {
        switch kind {
        case .usage: 64
        case .badInput: 65
        case .missingInput: 66
        case .unavailable: 69
        case .cannotCreateOutput: 73
        case .io: 74
        case .accessDenied: 77
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        let line = Cell.printable(message.replacingOccurrences(of: "\n", with: " "))
        FileHandle.standardError.write(Data("error: \(line)\n".utf8))
        exit(code)
    }
}
