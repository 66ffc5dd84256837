import ArgumentParser
import HomewardCore

struct TranslitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translit",
        abstract: "Official Latin spelling of Cyrillic names: Ukrainian (2010) or Russian (ICAO 9303).",
        discussion: "Without --lang the language is guessed per argument: Russian if it has ы э ё ъ, else Ukrainian.")

    @Option(help: "uk or ru.") var lang: CyrillicLanguage?
    @Argument(help: "Names or text to transliterate; one output line each.") var text: [String]

    func validate() throws {
        if text.isEmpty { throw ValidationError("give at least one name, e.g. homeward translit 'Шевченко Олексій'") }
    }

    func run() throws {
        for item in text {
            print(Transliteration.latin(item, language: lang ?? Transliteration.guessLanguage(item)))
        }
    }
}

extension CyrillicLanguage: ExpressibleByArgument {}
