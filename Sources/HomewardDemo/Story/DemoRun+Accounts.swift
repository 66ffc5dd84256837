import HomewardCore

extension DemoRun {
    /// Creates the database with its admin, adds the staff with fresh passphrases, logs
    /// everyone in, and sets the fictional centre's contacts that family reports show.
    func openAccounts() throws {
        let environment = story.environment
        for (name, role) in DemoStaff.all {
            let password = DemoPassphrase.make(for: name, policy: environment.passwordPolicy,
                                               randomBytes: environment.randomBytes)
            accounts.append(DemoOutcome.Account(name: name, role: role, password: password))
        }
        let admin = accounts[0]
        let homeward = try Homeward.create(path: story.databasePath, adminName: admin.name, password: admin.password,
                                           environment: environment)
        self.homeward = homeward
        sessions[admin.name] = try homeward.login(name: admin.name, password: admin.password)
        for account in accounts.dropFirst() {
            try homeward.addUser(try actor(DemoStaff.admin), name: account.name, role: account.role, password: account.password)
            sessions[account.name] = try homeward.login(name: account.name, password: account.password)
        }
        for (key, value) in Self.centre {
            try homeward.setSetting(try actor(DemoStaff.admin), key: key, value: value)
        }
    }

    /// The centre's contacts: fictional, in a phone range no one answers.
    static let centre: [(String, String)] = [
        ("centre.name", "Homeward demo centre (fictional)"),
        ("centre.name.uk", "Демонстраційний центр Homeward (вигаданий)"),
        ("centre.name.ru", "Демонстрационный центр Homeward (вымышленный)"),
        ("centre.phone", "+380 44 000 00 00"),
        ("centre.email", "centre@example.org"),
    ]
}
