public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// What a portal call got back: the HTTP status and the body.
public struct PortalHTTPResponse: Hashable, Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The body (possibly empty).
    public var body: Data

    /// Creates a response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// Sends one ``PortalRequest`` and returns the response; throws when nothing came back in time.
public protocol PortalTransport: Sendable {
    /// Sends `request` under `baseURL`, giving up after `timeout`.
    func send(_ request: PortalRequest, baseURL: String, timeout: Duration) async throws -> PortalHTTPResponse
}

/// The transport over AsyncHTTPClient (HTTP/1.1 or HTTP/2, TLS by the URL's scheme).
public struct HTTPClientPortalTransport: PortalTransport {
    /// The client; ``defaultClient`` unless given.
    public var client: HTTPClient
    /// The largest body read; a larger one is an error.
    public var maximumBodySize: Int

    /// The client used by default: one for the process, never shut down. A connection that
    /// cannot be established fails the request at once (after at most 3 seconds), instead of
    /// being tried again until the call's time is up: the portal client has its own retries,
    /// and its breaker must learn at once that the portal is down.
    public static let defaultClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(3)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// A transport over `client`.
    public init(client: HTTPClient = Self.defaultClient, maximumBodySize: Int = 4 << 20) {
        self.client = client
        self.maximumBodySize = maximumBodySize
    }

    /// Sends the request with its exact headers and body.
    public func send(_ request: PortalRequest, baseURL: String, timeout: Duration) async throws -> PortalHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url(under: baseURL))
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty || request.method == "POST" {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let response = try await client.execute(outgoing, timeout: .nanoseconds(timeout.nanoseconds))
        let body = try await response.body.collect(upTo: maximumBodySize)
        return PortalHTTPResponse(status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}
