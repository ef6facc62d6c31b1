#if PostgreSQL
    public import ChipChart
    import Foundation
    public import PostgresNIO

    extension PostgresStore {
        /// A client configuration from a connection URL:
        /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`.
        ///
        /// The user name and password may be percent-encoded. Without `sslmode`, TLS is used when the
        /// server offers it (`prefer`); a server on loopback usually wants `sslmode=disable`.
        ///
        /// <!-- snippet: mode=compile-only if=PostgreSQL because=it-needs-a-PostgreSQL-server -->
        /// ```swift
        /// import ChipChartPostgres
        /// import PostgresNIO
        ///
        /// let configuration = try PostgresStore.clientConfiguration(
        ///     url: "postgres://chipchart:secret@127.0.0.1:5432/clinic?sslmode=disable"
        /// )
        /// let client = PostgresClient(configuration: configuration)
        /// ```
        ///
        /// - Throws: ``ChipChart/StoreError`` (`incompatibleStorage`) naming what is wrong with the
        ///   URL; the password is never repeated.
        public static func clientConfiguration(url text: String) throws(StoreError) -> PostgresClient.Configuration {
            func invalid(_ reason: String) -> StoreError {
                StoreError(.incompatibleStorage, "not a PostgreSQL URL: \(reason)")
            }
            guard let components = URLComponents(string: text) else { throw invalid("it cannot be parsed") }
            guard components.scheme == "postgres" || components.scheme == "postgresql" else {
                throw invalid("the scheme is not postgres://")
            }
            guard let host = components.host, !host.isEmpty else { throw invalid("there is no host") }
            guard let user = components.user, !user.isEmpty else { throw invalid("there is no user name") }
            let database = String(components.path.drop(while: { $0 == "/" }))
            guard !database.isEmpty else { throw invalid("there is no database name") }
            let tls: PostgresClient.Configuration.TLS
            switch components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer" {
            case "disable": tls = .disable
            case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
            case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
            default: throw invalid("sslmode is one of disable, prefer, require")
            }
            return PostgresClient.Configuration(
                host: host,
                port: components.port ?? 5432,
                username: user,
                password: components.password,
                database: database,
                tls: tls
            )
        }
    }
#endif
