extension Transliteration {
    /// Latin for one lowercase Cyrillic letter under the Ukrainian 2010 system, or nil for a
    /// scalar the table does not cover.
    ///
    /// `initial` is true at the start of a word; the caller handles зг (г after з is "gh").
    /// Russian-only letters are not in the official table: ё, ы and э get the Latin a
    /// Ukrainian reader would expect (the ё sound is written йо/ьо in Ukrainian) and ъ is
    /// treated like the apostrophe Ukrainian uses in its place.
    static func ukrainianLatin(_ lower: UInt32, initial: Bool) -> StaticString? {
        switch lower {
        case 0x0430: "a"  // а
        case 0x0431: "b"  // б
        case 0x0432: "v"  // в
        case 0x0433: "h"  // г
        case 0x0491: "g"  // ґ
        case 0x0434: "d"  // д
        case 0x0435: "e"  // е
        case 0x0454: initial ? "ye" : "ie"  // є
        case 0x0436: "zh"  // ж
        case 0x0437: "z"  // з
        case 0x0438: "y"  // и
        case 0x0456: "i"  // і
        case 0x0457: initial ? "yi" : "i"  // ї
        case 0x0439: initial ? "y" : "i"  // й
        case 0x043A: "k"  // к
        case 0x043B: "l"  // л
        case 0x043C: "m"  // м
        case 0x043D: "n"  // н
        case 0x043E: "o"  // о
        case 0x043F: "p"  // п
        case 0x0440: "r"  // р
        case 0x0441: "s"  // с
        case 0x0442: "t"  // т
        case 0x0443: "u"  // у
        case 0x0444: "f"  // ф
        case 0x0445: "kh"  // х
        case 0x0446: "ts"  // ц
        case 0x0447: "ch"  // ч
        case 0x0448: "sh"  // ш
        case 0x0449: "shch"  // щ
        case 0x044E: initial ? "yu" : "iu"  // ю
        case 0x044F: initial ? "ya" : "ia"  // я
        case 0x044C: ""  // ь
        case 0x044A: ""  // ъ
        case 0x0451: initial ? "yo" : "io"  // ё
        case 0x044B: "y"  // ы
        case 0x044D: "e"  // э
        default: nil
        }
    }

    /// Latin for one lowercase Cyrillic letter under ICAO Doc 9303 (Russian passports since
    /// 2013), or nil for a scalar the table does not cover.
    ///
    /// ICAO's table also covers the Ukrainian letters, so є ї і ґ in a Russian-mode text
    /// still come out as Latin.
    static func russianLatin(_ lower: UInt32) -> StaticString? {
        switch lower {
        case 0x0430: "a"  // а
        case 0x0431: "b"  // б
        case 0x0432: "v"  // в
        case 0x0433: "g"  // г
        case 0x0434: "d"  // д
        case 0x0435: "e"  // е
        case 0x0451: "e"  // ё
        case 0x0436: "zh"  // ж
        case 0x0437: "z"  // з
        case 0x0438: "i"  // и
        case 0x0439: "i"  // й
        case 0x043A: "k"  // к
        case 0x043B: "l"  // л
        case 0x043C: "m"  // м
        case 0x043D: "n"  // н
        case 0x043E: "o"  // о
        case 0x043F: "p"  // п
        case 0x0440: "r"  // р
        case 0x0441: "s"  // с
        case 0x0442: "t"  // т
        case 0x0443: "u"  // у
        case 0x0444: "f"  // ф
        case 0x0445: "kh"  // х
        case 0x0446: "ts"  // ц
        case 0x0447: "ch"  // ч
        case 0x0448: "sh"  // ш
        case 0x0449: "shch"  // щ
        case 0x044A: "ie"  // ъ
        case 0x044B: "y"  // ы
        case 0x044C: ""  // ь
        case 0x044D: "e"  // э
        case 0x044E: "iu"  // ю
        case 0x044F: "ia"  // я
        case 0x0454: "ie"  // є
        case 0x0456: "i"  // і
        case 0x0457: "i"  // ї
        case 0x0491: "g"  // ґ
        default: nil
        }
    }
}
