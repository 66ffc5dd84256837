import Foundation
import HomewardAPI
import HomewardCore

/// Accounts, assignments and the centre's settings: each one call of the core's use case, as
/// in ``APIHandler`` (the core decides who may manage accounts).
extension APIHandler {
    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.listUsers(actor)))))
        }
    }

    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            try homeward.addUser(actor, name: body.name, role: try Self.word(body.role.rawValue), password: body.password)
            return .created(.init(body: .json(.init(name: body.name, role: body.role))))
        }
    }

    func setUserRole(_ input: Operations.SetUserRole.Input) async throws -> Operations.SetUserRole.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let name = input.path.name
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let changed = try homeward.setRole(actor, name: name, role: try Self.word(body.role.rawValue))
            return .ok(.init(body: .json(.init(name: name, role: body.role, changed: changed))))
        }
    }

    func setUserStatus(_ input: Operations.SetUserStatus.Input) async throws -> Operations.SetUserStatus.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let name = input.path.name
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            switch body.status {
            case .active: try homeward.enableUser(actor, name: name)
            case .disabled: try homeward.disableUser(actor, name: name)
            }
            return .ok(.init(body: .json(.init(name: name, status: body.status == .active ? .active : .disabled))))
        }
    }

    func setUserPassword(_ input: Operations.SetUserPassword.Input) async throws -> Operations.SetUserPassword.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let name = input.path.name
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            try homeward.changePassword(actor, name: name, newPassword: body.newPassword, currentPassword: body.currentPassword)
            return .ok(.init(body: .json(.init(name: name))))
        }
    }

    func revokeUserSessions(_ input: Operations.RevokeUserSessions.Input) async throws -> Operations.RevokeUserSessions.Output {
        let name = input.path.name
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let ended = try homeward.revokeSessions(actor, name: name)
            return .ok(.init(body: .json(.init(name: name, sessionsEnded: ended))))
        }
    }

    func assignBatch(_ input: Operations.AssignBatch.Input) async throws -> Operations.AssignBatch.Output {
        let (name, code) = (input.path.name, input.path.code)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            try homeward.assignBatch(actor, user: name, code: code)
            return .ok(.init(body: .json(.init(name: name, code: code.uppercased()))))
        }
    }

    func unassignBatch(_ input: Operations.UnassignBatch.Input) async throws -> Operations.UnassignBatch.Output {
        let (name, code) = (input.path.name, input.path.code)
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            try homeward.unassignBatch(actor, user: name, code: code)
            return .ok(.init(body: .json(.init(name: name, code: code.uppercased()))))
        }
    }

    func listSettings(_ input: Operations.ListSettings.Input) async throws -> Operations.ListSettings.Output {
        await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            .ok(.init(body: .json(try APIBridge.convert(homeward.settings(actor)))))
        }
    }

    func setSetting(_ input: Operations.SetSetting.Input) async throws -> Operations.SetSetting.Output {
        guard case let .json(body) = input.body else { preconditionFailure("one content type") }
        let key = input.path.key
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let stored = try homeward.setSetting(actor, key: key, value: body.value)
            return .ok(.init(body: .json(.init(key: key.lowercased(), value: stored))))
        }
    }

    func unsetSetting(_ input: Operations.UnsetSetting.Input) async throws -> Operations.UnsetSetting.Output {
        let key = input.path.key
        return await signedIn(failed: { .default(statusCode: $0, $1) }) { actor in
            let removed = try homeward.unsetSetting(actor, key: key)
            return .ok(.init(body: .json(.init(key: key.lowercased(), state: removed ? .unset : .notSet))))
        }
    }
}
