/// One row of the role matrix in DESIGN §5.
///
/// The matrix is this one table; services ask ``Actor/may(_:)`` and tests enumerate it.
public enum Permission: String, Sendable, CaseIterable {
    case manageUsers = "manage users, roles and sessions"
    case backUpDatabase = "back up the database"
    case checkDatabase = "check the database"
    case editCases = "log and edit inquiries and persons"
    case seeContactDetails = "see inquirer contact details"
    case recordBatches = "record batches and import manifests"
    case runMatching = "run matching and decide links"
    case updateIdentification = "update identification status"
    case confirmIdentification = "confirm identifications and record family notification"
    case exportFamilyReports = "export family reports"
    case readBatches = "read batches and returned records"
    case readInquiries = "read inquiries and persons"
    case readAllAudit = "read the whole audit trail"
    case readOwnAudit = "read the audit trail, even of their own actions"
    case verifyAudit = "verify the audit trail"
    case readCaseHistory = "read an inquiry's case history"
    case exportDatabase = "export the whole database"
    case manageSettings = "set the centre's name and contact details"
    case readReports = "read batch reports and statistics"

    /// The role matrix. Volunteers' reads and status updates are further limited to the
    /// batches assigned to them, which the services check against the assignment; they read
    /// no inquiries directly (cases reach them only through links to their batches).
    public static let granted: [Role: Set<Permission>] = [
        .admin: [
            .manageUsers, .backUpDatabase, .checkDatabase, .readBatches, .readInquiries, .readAllAudit, .readOwnAudit, .verifyAudit,
            .exportDatabase, .manageSettings, .readReports,
        ],
        .coordinator: [
            .editCases, .seeContactDetails, .recordBatches, .runMatching, .updateIdentification,
            .confirmIdentification, .exportFamilyReports, .readBatches, .readInquiries, .readOwnAudit, .readCaseHistory,
            .readReports,
        ],
        .volunteer: [.updateIdentification, .readBatches],
        .auditor: [
            .seeContactDetails, .readBatches, .readInquiries, .readAllAudit, .readOwnAudit, .verifyAudit, .checkDatabase,
            .readCaseHistory, .exportDatabase, .readReports,
        ],
    ]
}

extension Role {
    /// Whether this role holds `permission` in the matrix.
    public func may(_ permission: Permission) -> Bool {
        Permission.granted[self]?.contains(permission) ?? false
    }
}
