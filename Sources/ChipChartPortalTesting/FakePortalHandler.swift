import ChipChartPortal
import Foundation
import NIOCore
import NIOHTTP1

/// Reads one HTTP request, hands it to the fake, writes its response.
final class FakePortalHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let portal: FakeInsurerPortal
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(portal: FakeInsurerPortal) { self.portal = portal }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var chunk):
            body += chunk.readBytes(length: chunk.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            guard portal.isServing else {
                context.close(promise: nil)
                return
            }
            let request = Self.request(head, body: body)
            let (response, delay) = portal.response(to: request)
            guard let delay else {
                ResponseWriter.write(response, keepAlive: head.isKeepAlive, to: context)
                return
            }
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            let keepAlive = head.isKeepAlive
            context.eventLoop.scheduleTask(in: .nanoseconds(delay.nanoseconds)) {
                ResponseWriter.write(response, keepAlive: keepAlive, to: bound.value)
            }
        }
    }

    private static func request(_ head: HTTPRequestHead, body: [UInt8]) -> PortalRequest {
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return PortalRequest(
            method: head.method.rawValue,
            path: String(parts[0]),
            query: parts.count > 1 ? FormEncoding.decode(String(parts[1])) : [],
            headers: head.headers.map { PortalRequest.Field($0.name, $0.value) },
            body: Data(body),
            isSafeToRepeat: false
        )
    }

}

/// Writes a response on the channel's event loop.
private enum ResponseWriter {
    static func write(_ response: PortalHTTPResponse, keepAlive: Bool, to context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        if !response.body.isEmpty { headers.add(name: "Content-Type", value: "application/json; charset=utf-8") }
        headers.add(name: "Content-Length", value: "\(response.body.count)")
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: .http1_1,
            status: HTTPResponseStatus(statusCode: response.status),
            headers: headers
        )
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        let done = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
