import DuoCore
import DuoTransport
import DuoWebSDK
import Foundation

/// The `DUO_*` variables of the Universal Prompt commands (cli.md Part 1), parsed and validated
/// before any request is sent. A problem names the variable; the secret's value is never shown.
///
/// The Auth API commands share its readers (Support/EnvironmentReading.swift).
struct UniversalEnvironment {
    /// A configuration error: which variable, and what is wrong with it.
    struct Problem: Error {
        let variable: String
        let message: String
        var line: String { "\(variable): \(message)" }
    }

    let configuration: DuoWebConfiguration

    /// Reads and validates the environment.
    ///
    /// - Parameter environment: The process environment (injectable for tests).
    /// - Throws: ``Problem`` naming the first bad variable.
    init(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(Problem) {
        func required(_ name: String) throws(Problem) -> String {
            guard let value = environment[name], !value.isEmpty else { throw Problem(variable: name, message: "is not set (required)") }
            return value
        }
        func describe(_ error: DuoError) -> String { error.errorDescription ?? "is not valid" }

        let clientID: ClientID
        do { clientID = try ClientID(try required("DUO_CLIENT_ID")) } catch let error as DuoError {
            throw Problem(variable: "DUO_CLIENT_ID", message: describe(error))
        } catch { throw error as? Problem ?? Problem(variable: "DUO_CLIENT_ID", message: "is not valid") }

        let secret: ClientSecret
        do { secret = try ClientSecret(try required("DUO_CLIENT_SECRET")) } catch let error as DuoError {
            throw Problem(variable: "DUO_CLIENT_SECRET", message: describe(error))
        } catch { throw error as? Problem ?? Problem(variable: "DUO_CLIENT_SECRET", message: "is not valid") }

        let host: APIHost
        do { host = try APIHost(try required("DUO_API_HOST")) } catch let error as DuoError {
            throw Problem(variable: "DUO_API_HOST", message: describe(error))
        } catch { throw error as? Problem ?? Problem(variable: "DUO_API_HOST", message: "is not valid") }

        let redirectText = try required("DUO_REDIRECT_URI")
        guard let redirect = URL(string: redirectText) else {
            throw Problem(variable: "DUO_REDIRECT_URI", message: "is not a URL")
        }

        let reading = EnvironmentReading(environment: environment)
        var transport = TransportConfiguration()
        transport.trust = try reading.trust()
        transport.timeout = try reading.httpTimeout() ?? HTTPTimeout(connect: .seconds(10), total: .seconds(30))

        let configuration = DuoWebConfiguration(clientID: clientID, clientSecret: secret, apiHost: host, redirectURI: redirect, transport: transport)
        do { try configuration.validate() } catch {
            throw Problem(variable: "DUO_REDIRECT_URI", message: error.errorDescription ?? "is not valid")
        }
        self.configuration = configuration
    }

    /// Parses `30`, `2.5`, `.5`: plain decimal, more than 0, at most one day.
    static func decimalSeconds(_ text: String) -> Double? { EnvironmentReading.decimalSeconds(text) }
}
