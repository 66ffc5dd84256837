import ArgumentParser

/// The root of the `homeward` command line.
public struct HomewardCommand: ParsableCommand {
    public static let version = "homeward 0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "homeward",
        abstract: "Case tracker for families of missing soldiers: inquiries, repatriation batches, identifications.",
        discussion: """
            Global options --db PATH (else $HOMEWARD_DB, else $XDG_DATA_HOME/homeward/homeward.sqlite), \
            --json and --quiet go after the subcommand. Log in once with 'homeward login NAME'; \
            HOMEWARD_TOKEN overrides the stored session token. With HOMEWARD_SERVER=URL (or --server URL) \
            the commands the server offers go to a Homeward server ('homeward serve') instead of a file.

            EXIT CODES
              0   success
              64  usage: an unknown command or option, a missing argument, or an option
                  value that is malformed or not one of its words (--status closed,
                  --since yesterday, --limit -3), found before anything is read or written
              65  bad input data: a well-formed value that the data refuses (a mistyped
                  or unknown reference or code, a change the rules forbid), an invalid
                  inquiry field or CSV row, a failed audit or database check
              66  missing input file
              69  database unavailable, not initialised, newer, or busy
              73  cannot create output
              74  I/O error
              77  not logged in, session expired, or permission denied
            """,
        version: version,
        subcommands: [
            InitCommand.self, LoginCommand.self, LogoutCommand.self, WhoamiCommand.self,
            UserCommand.self, InquiryCommand.self, SearchCommand.self, BatchCommand.self, TranslitCommand.self,
            MatchCommand.self, LinkCommand.self, IdentCommand.self, ReportCommand.self, SettingsCommand.self, RegionsCommand.self,
            AuditCommand.self, DatabaseCommand.self, ExportCommand.self, DemoCommand.self, ServeCommand.self,
        ]
    )

    public init() {}
}
