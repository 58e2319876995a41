#if Emulator
/// Small HTML helpers for the emulator's pages (no template engine: the pages are few and
/// every value that comes from a request goes through ``escape(_:)``).
enum HTML {
    /// Escapes text for HTML element content and quoted attribute values.
    static func escape(_ text: some StringProtocol) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A whole page in the emulator's Duo-like frame.
    static func page(title: String, body: String, refreshSeconds: Int? = nil) -> String {
        let refresh = refreshSeconds.map { #"<meta http-equiv="refresh" content="\#($0)">"# } ?? ""
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>\(refresh)
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:system-ui,sans-serif;background:#f2f4f7;margin:0;color:#1d2430}
        main{max-width:28rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px #0002}
        h1{font-size:1.3rem;margin-top:0} .brand{color:#6bbf4e;font-weight:700;letter-spacing:.05em}
        button,.button{display:block;width:100%;padding:.8rem;margin:.5rem 0;border:0;border-radius:8px;background:#2b6cb0;color:#fff;font-size:1rem;cursor:pointer;text-align:center;text-decoration:none}
        button.secondary{background:#e2e8f0;color:#1d2430} button.deny{background:#c53030}
        input{width:100%;padding:.6rem;font-size:1rem;box-sizing:border-box} .error{color:#c53030} .muted{color:#5a6474;font-size:.9rem}
        code{word-break:break-all} figure.qr{margin:1rem auto;width:14rem;max-width:100%} figure.qr svg{display:block;width:100%;height:auto} .push{border:1px solid #cbd5e0;border-radius:8px;padding:1rem;margin:1rem 0}
        </style></head>
        <body><main><div class="brand">DUO EMULATOR</div>
        \(body)
        <p class="muted">A local Duo emulator for development and tests. Not Duo Security.</p>
        </main></body></html>
        """
    }
}
#endif
