import ArgumentParser
import HomewardCore

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", abstract: "Record repatriation batches and their manifests.",
        subcommands: [BatchAddCommand.self, BatchListCommand.self, BatchShowCommand.self, BatchStatusCommand.self,
                      BatchImportManifestCommand.self])
}

extension BatchStatus: ExpressibleByArgument {}
extension BatchKind: ExpressibleByArgument {}
