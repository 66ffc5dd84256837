/// The authenticated user on whose behalf a service call runs.
///
/// Only the core makes one (from a login or a session token), so a front cannot claim a role.
public struct Actor: Sendable, Equatable {
    public let userID: Int64
    public let name: String
    public let role: Role

    init(userID: Int64, name: String, role: Role) {
        self.userID = userID
        self.name = name
        self.role = role
    }

    public func may(_ permission: Permission) -> Bool { role.may(permission) }
}
