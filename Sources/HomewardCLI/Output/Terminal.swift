import Foundation

/// What the command line knows about where its output goes.
enum Terminal {
    /// Columns available to tables: the terminal's width when stdout is a terminal (its
    /// window size, else `COLUMNS`), 80 when stdout is a pipe or a file, so that what a script
    /// reads does not depend on the window it ran in.
    static var width: Int {
        guard isatty(STDOUT_FILENO) == 1 else { return fallback }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return fallback
    }

    static let fallback = 80
}
