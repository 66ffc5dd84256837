import Testing
@testable import HomewardCore

/// The matrix of DESIGN §5, written out independently of the code's table.
@Suite struct PermissionMatrixTests {
    static let expected: [Permission: Set<Role>] = [
        .manageUsers: [.admin],
        .backUpDatabase: [.admin],
        .checkDatabase: [.admin, .auditor],
        .editCases: [.coordinator],
        .seeContactDetails: [.coordinator, .auditor],
        .recordBatches: [.coordinator],
        .runMatching: [.coordinator],
        .updateIdentification: [.coordinator, .volunteer],
        .confirmIdentification: [.coordinator],
        .exportFamilyReports: [.coordinator],
        .readBatches: [.admin, .coordinator, .volunteer, .auditor],
        .readInquiries: [.admin, .coordinator, .auditor],
        .readAllAudit: [.admin, .auditor],
        .readOwnAudit: [.admin, .coordinator, .auditor],
        .verifyAudit: [.admin, .auditor],
        .readCaseHistory: [.coordinator, .auditor],
        .exportDatabase: [.admin, .auditor],
        .manageSettings: [.admin],
        .readReports: [.admin, .coordinator, .auditor],
    ]

    @Test(arguments: Permission.allCases)
    func permissionIsGrantedToExactlyTheDesignedRoles(_ permission: Permission) {
        let granted = Set(Role.allCases.filter { $0.may(permission) })
        #expect(granted == Self.expected[permission], "\(permission)")
    }

    @Test func everyPermissionIsCovered() {
        #expect(Set(Self.expected.keys) == Set(Permission.allCases))
    }
}
