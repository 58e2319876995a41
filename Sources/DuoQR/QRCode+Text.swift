extension QRCode {
    /// The code drawn with Unicode half blocks (`▀ ▄ █`), two module rows per line, the quiet
    /// zone included, lines separated by `\n` without a final newline.
    ///
    /// - Parameter colored: `true` (default) wraps each line in ANSI colours, black modules on a
    ///   white ground, so the code reads the same on a dark or a light terminal. `false` gives
    ///   the bare glyphs, which draw the dark modules in the terminal's text colour: right on a
    ///   light background only.
    public func terminalText(colored: Bool = true) -> String {
        let zone = Self.quietZone
        var lines: [String] = []
        var y = -zone
        while y < size + zone {
            var line = colored ? "\u{1B}[30;107m" : ""
            for x in -zone..<(size + zone) {
                // Below the last quiet-zone row is background too.
                let top = self[x: x, y: y]
                let bottom = y + 1 < size + zone && self[x: x, y: y + 1]
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            if colored { line += "\u{1B}[0m" }
            lines.append(line)
            y += 2
        }
        return lines.joined(separator: "\n")
    }
}
