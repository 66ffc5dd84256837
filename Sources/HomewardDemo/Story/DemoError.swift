import Foundation
import HomewardCore

/// Why the demo could not be built.
public enum DemoError: HomewardFailure, Equatable {
    /// The database file (or a report the demo would write beside it) already exists: the demo
    /// only ever builds a new one, so it can never overwrite real casework.
    case exists(path: String)

    public var kind: FailureKind { .cannotCreateOutput }

    public var errorDescription: String? {
        switch self {
        case let .exists(path):
            "\(path) already exists; the demo only creates a new database: remove it or give --db a new file name"
        }
    }
}
