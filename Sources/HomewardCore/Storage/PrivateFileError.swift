import Foundation

/// Refusals of folders and files that someone other than the user could have changed.
public enum PrivateFileError: HomewardFailure, Equatable {
    /// A folder other people could write to, or that is not what it should be (exit 73).
    case unsafeFolder(path: String, problem: String, fix: String)
    /// A session-token file that may not be the user's own (exit 77: the session is not trusted).
    case untrustedFile(path: String, problem: String, fix: String)
    /// Creating a file or folder failed underneath (exit 73).
    case cannotCreate(path: String, reason: String)
    /// Reading a file failed underneath (exit 74).
    case cannotRead(path: String, reason: String)
    /// Writing a file created new failed underneath (exit 74).
    case cannotWrite(path: String, reason: String)

    public var kind: FailureKind {
        switch self {
        case .unsafeFolder, .cannotCreate: .cannotCreateOutput
        case .untrustedFile: .accessDenied
        case .cannotRead, .cannotWrite: .io
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .unsafeFolder(path, problem, fix):
            "refusing folder \(path): \(problem); \(fix)"
        case let .untrustedFile(path, problem, fix):
            "refusing session file \(path): \(problem); \(fix)"
        case let .cannotCreate(path, reason):
            "cannot create \(path): \(reason)"
        case let .cannotRead(path, reason):
            "cannot read \(path): \(reason)"
        case let .cannotWrite(path, reason):
            "cannot write \(path): \(reason)"
        }
    }
}
