import ArgumentParser
import HomewardCore

struct TranslitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translit",
        abstract: "Official Latin spelling of Cyrillic names: Ukrainian (2010) or Russian (ICAO 9303).",
        discussion: "Without --lang the language is guessed per argument: Russian if it has ы э ё ъ, else Ukrainian.")

    @Option(help: "uk or ru.") var lang: CyrillicLanguage?
    @Argument(help: "Names or text to transliterate; one output line each.") var text: [String]
    @Flag(help: "A JSON array of {text, latin, lang} objects.") var json = false

    func validate() throws {
        if text.isEmpty { throw ValidationError("give at least one name, e.g. homeward translit 'Шевченко Олексій'") }
    }

    func run() throws {
        let lines = text.map { item in
            let language = lang ?? Transliteration.guessLanguage(item)
            return ["text": item, "latin": Transliteration.latin(item, language: language), "lang": language.rawValue]
        }
        if json { return try Output.json(lines) }
        for line in lines { Output.line(line["latin"] ?? "") }
    }
}

extension CyrillicLanguage: ExpressibleByArgument {}
