import ArgumentParser
import Foundation
import GRDB
import HomewardCore

/// Runs the command line and maps every outcome to one line on stderr and an exit code.
public enum CommandLineRunner {
    public static func main(_ arguments: [String]? = nil) -> Never {
        // Every file this process creates (database, WAL, backups, token) is owner-only.
        umask(0o077)
        // A write past the file-size limit (ulimit -f) would kill the process with SIGXFSZ
        // and no word; ignored, the write fails with EFBIG and is reported as a full disk.
        signal(SIGXFSZ, SIG_IGN)
        // Likewise a write to a closed pipe (`| head`) would kill the process before an export
        // or a report could be audited as failed; ignored, the write fails with EPIPE (exit 74).
        signal(SIGPIPE, SIG_IGN)
        if let topic = unknownHelpTopic(arguments ?? Array(CommandLine.arguments.dropFirst())) {
            fail("no command named '\(topic)' (see 'homeward help')", code: 64)
        }
        do {
            var command = try HomewardCommand.parseAsRoot(arguments)
            try command.run()
            try Output.finish()
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
                if let hint = unknownSubcommand(arguments ?? Array(CommandLine.arguments.dropFirst())) { fail(hint, code: 64) }
                let firstLine = Self.oneLine(HomewardCommand.message(for: error))
                fail(Self.sentence(firstLine.replacingOccurrences(of: "Error: ", with: "")) + " (see 'homeward help')", code: 64)
            }
            let (message, mapped) = describe(error)
            fail(message, code: code.rawValue == 1 ? mapped : code.rawValue)
        }
    }

    /// The first word after `homeward help` that names no command: ArgumentParser would print
    /// the root help and exit 0, and a script would never learn that its topic does not exist.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var command: any ParsableCommand.Type = HomewardCommand.self
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            let names = command.configuration.subcommands.map { ($0, [$0._commandName] + $0.configuration.aliases) }
            guard let next = names.first(where: { $0.1.contains(word) })?.0 else { return word }
            command = next
        }
        return nil
    }

    /// A word where a command group (`settings`) expects one of its subcommands, e.g.
    /// `settings get centre.name`: ArgumentParser would only say "2 unexpected arguments".
    static func unknownSubcommand(_ arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = HomewardCommand.self
        var path: [String] = []
        for word in arguments where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            guard let next = subcommands.first(where: { ([$0._commandName] + $0.configuration.aliases).contains(word) }) else {
                guard !path.isEmpty, command.configuration.defaultSubcommand == nil else { return nil }
                let names: [String] = subcommands.map { $0._commandName }
                var list: String = names.last ?? ""
                if names.count > 1 { list = names.dropLast().joined(separator: ", ") + " or " + list }
                let group: String = path.joined(separator: " ")
                let problem: String = QuotedValue.isNot(word, "a subcommand of '\(group)'")
                return "\(problem); use \(list) (see 'homeward help \(group)')"
            }
            command = next
            path.append(word)
        }
        return nil
    }

    /// The first line of a usage message; a list of allowed values that ArgumentParser puts
    /// on lines of their own (six or more words, e.g. identification statuses) joins it.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n")
        guard var first = lines.first.map(String.init) else { return "invalid arguments" }
        let values = lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { $0.dropFirst(4) }
        let lead = "one of the following:"
        if first.hasSuffix(lead), !values.isEmpty {
            first = first.dropLast(lead.count) + "one of " + values.joined(separator: ", ")
        }
        // "…. Please provide one of 'json'." reads as a form letter: "…; use 'json'".
        if let range = first.range(of: ". Please provide one of ") {
            let values: String = first[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "."))
            let lead: String = values.contains(",") ? "; use one of " : "; use "
            first = String(first[..<range.lowerBound]) + lead + values
        }
        return first
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
        Output.error(message)
        exit(code)
    }
}
