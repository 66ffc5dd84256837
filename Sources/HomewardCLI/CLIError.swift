import Foundation
import HomewardCore

/// Failures that belong to the command line itself (terminals, files, flags).
enum CLIError: HomewardFailure {
    case usage(String)
    case io(String)
    case cannotCreate(String, String)
    case missingInput(String)
    case badData(String)
    case unavailable(String)

    var kind: FailureKind {
        switch self {
        case .usage: .usage
        case .io: .io
        case .cannotCreate: .cannotCreateOutput
        case .missingInput: .missingInput
        case .badData: .badInput
        case .unavailable: .unavailable
        }
    }

    var errorDescription: String? {
        switch self {
        case let .usage(message), let .io(message), let .missingInput(message), let .badData(message), let .unavailable(message): message
        case let .cannotCreate(path, reason): "cannot create \(path): \(reason)"
        }
    }
}
