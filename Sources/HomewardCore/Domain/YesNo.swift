import Foundation

/// Yes/no cells: yes/no, true/false, 1/0 (and y/n, так/ні, да/нет).
enum YesNo {
    static func parse(_ cell: String) -> Bool? {
        switch String(Cell.trimmed(cell)).lowercased() {
        case "yes", "y", "true", "1", "так", "да": true
        case "no", "n", "false", "0", "ні", "нет": false
        default: nil
        }
    }
}
