import ArgumentParser
import HomewardCore

struct BatchRecordUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Correct fields of a returned record.",
        discussion: """
            Only the options given change; "" clears a field. Values follow the manifest columns \
            (see 'homeward batch import-manifest --help'); the record is checked as a whole. Each \
            changed field is kept in the record's history.
            """)

    @Argument(help: "The record, CODE/TAG.") var record: String
    @Option(help: "A corrected tag (unique within the batch).") var tag: String?
    @Option(help: "remains or returnee.") var kind: String?
    @Option(help: "Name found on documents or tags.") var name: String?
    @Option(help: "Service number found on documents or tags.") var serviceNumber: String?
    @Option(help: "male, female or unknown.") var sex: String?
    @Option(help: "Estimated age, lower bound.") var ageMin: String?
    @Option(help: "Estimated age, upper bound.") var ageMax: String?
    @Option(name: [.customLong("region"), .customLong("recovery-region")], help: "Recovery region: code or name.")
    var recoveryRegion: String?
    @Option(name: [.customLong("place"), .customLong("recovery-place")], help: "Recovery place.") var recoveryPlace: String?
    @Option(help: ArgumentHelp("Recovery date, YYYY-MM-DD.", valueName: "date")) var recoveryDate: String?
    @Option(help: "Personal effects.") var effects: String?
    @Option(help: "Notes.") var notes: String?
    @OptionGroup var options: GlobalOptions

    var form: ManifestForm {
        var form = ManifestForm()
        form.tag = tag
        form.kind = kind
        form.name = name
        form.serviceNumber = serviceNumber
        form.sex = sex
        form.ageMin = ageMin
        form.ageMax = ageMax
        form.recoveryRegion = recoveryRegion
        form.recoveryPlace = recoveryPlace
        form.recoveryDate = recoveryDate
        form.effects = effects
        form.notes = notes
        return form
    }

    func validate() throws {
        if form == ManifestForm() {
            throw ValidationError("nothing to change; give at least one field, e.g. --age-max 40")
        }
    }

    func run() throws {
        let context = try CommandContext(options)
        let updated = try context.service.updateRecord(address: record, changes: form)
        if options.json { return try Output.json(updated) }
        Output.note(updated.changed.isEmpty
                    ? "\(updated.record): nothing changed (the values given are already recorded)"
                    : "\(updated.record): changed \(updated.changed.joined(separator: ", "))", quiet: options.quiet)
    }
}
