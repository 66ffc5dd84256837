import ArgumentParser
import HomewardCore

struct IdentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ident", abstract: "Move returned records through identification; four-eyes confirmation.",
        discussion: """
            Remains: received → examination → dna_sampled → match_candidate → identified → \
            family_notified → released_to_family, with on_hold, unidentifiable and revoked \
            (back to examination). Returned living prisoners: arrived → identity_verified → \
            family_notified. 'identified' is proposed by one coordinator and takes effect once \
            confirmed by another (dna, fingerprints, dental) or two others (documents, visual). \
            Volunteers work up to match_candidate on the batches assigned to them.
            """,
        subcommands: [IdentSetCommand.self, IdentConfirmCommand.self, IdentHistoryCommand.self])
}

extension IdentificationStatus: ExpressibleByArgument {}
extension IdentificationMethod: ExpressibleByArgument {}
extension NotificationChannel: ExpressibleByArgument {}
