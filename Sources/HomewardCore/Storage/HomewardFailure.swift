import Foundation

/// What kind of failure an error is, so that every front maps it to one outcome.
///
/// The command line turns each kind into one of the exit codes in DESIGN §7; an HTTP front
/// would turn it into a status code. Errors are never told apart by their text.
public enum FailureKind: Sendable, Equatable {
    /// The request itself is malformed (exit 64).
    case usage
    /// The data given is invalid (exit 65).
    case badInput
    /// An input file is missing or unreadable (exit 66).
    case missingInput
    /// The database cannot be opened, is busy beyond the timeout, or is of a newer schema (exit 69).
    case unavailable
    /// An output file cannot be created (exit 73).
    case cannotCreateOutput
    /// Reading or writing failed underneath (exit 74).
    case io
    /// Not logged in, session expired, or the role does not allow the action (exit 77).
    case accessDenied
}

/// An error of the core that knows its ``FailureKind`` and says how to fix it.
public protocol HomewardFailure: LocalizedError, Sendable {
    var kind: FailureKind { get }
}
