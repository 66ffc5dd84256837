import HomewardCore

/// The centre's fictional staff: one account per role, and a second coordinator so that an
/// identification can be confirmed by someone other than its proposer.
enum DemoStaff {
    static let admin = "admin"
    static let coordinator = "olena"
    static let secondCoordinator = "mykola"
    static let volunteer = "taras"
    static let auditor = "iryna"

    /// Everyone, in the order they are created; the admin comes first, with the database.
    static let all: [(name: String, role: Role)] = [
        (admin, .admin), (coordinator, .coordinator), (secondCoordinator, .coordinator),
        (volunteer, .volunteer), (auditor, .auditor),
    ]
}
