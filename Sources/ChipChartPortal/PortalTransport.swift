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
    /// The client; the process-wide shared one by default.
    public var client: HTTPClient
    /// The largest body read; a larger one is an error.
    public var maximumBodySize: Int

    /// A transport over `client`.
    public init(client: HTTPClient = .shared, maximumBodySize: Int = 4 << 20) {
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
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let response = try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
        let body = try await response.body.collect(upTo: maximumBodySize)
        return PortalHTTPResponse(status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}
