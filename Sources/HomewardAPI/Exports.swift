// The types, server stubs (`APIProtocol`, `registerHandlers(on:)`) and client (`Client`) of
// this module are generated at build time from api/openapi.yaml by swift-openapi-generator's
// build plugin (see openapi-generator-config.yaml); the spec is the one source of truth.
@_exported import OpenAPIRuntime

import Foundation

/// Moves a value between the core's views and the generated types of the same JSON shape:
/// the API's field names are the CLI's `--json` names, so one encoding serves both ways and
/// no field is copied by hand.
public enum APIBridge {
    /// `value` as `T`, through its JSON.
    public static func convert<T: Decodable>(_ value: some Encodable, to type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }
}
