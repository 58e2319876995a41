// login-demo: a university e-mail sign-in protected by Duo. `make demo` runs it.
import Foundation
import LoginDemoKit

let options = LoginDemoOptions.fromEnvironment(ProcessInfo.processInfo.environment)
do {
    let demo = try await LoginDemo(options: options)
    try await demo.run {
        var banner = "\nLogin demo ready: open \(demo.baseURL)/ in a browser.\n"
        if let phone = demo.phoneURL {
            banner += "Duo: the embedded emulator (no credentials, no network). Approve pushes on its phone: \(phone)\n"
        } else {
            banner += "Duo: the real Duo application from DUO_API_HOST / DUO_CLIENT_ID (secret not shown).\n"
        }
        banner += "Demo users (username / password):\n"
        for account in LoginDemo.demoAccounts { banner += "  \(account.username) / \(account.password)   \(account.name)\n" }
        banner += "Admin page (after signing in): \(demo.baseURL)/admin\nPress Ctrl-C to stop.\n"
        FileHandle.standardOutput.write(Data(banner.utf8))
    }
} catch {
    FileHandle.standardError.write(Data("login-demo could not start: \(error.localizedDescription)\n".utf8))
    exit(1)
}
