// Serves the simulated chip to vsmartcard's vpcd, so PC/SC software (pcscd, `PCSCTransport`)
// sees a reader holding the synthetic card.
//
//     apt-get install pcscd vsmartcard-vpcd && pcscd --foreground &
//     swift run virtual-card [host] [port]       # defaults 127.0.0.1 35963
//
// vpcd speaks 2-byte big-endian length-prefixed messages: a 1-byte message is a control code
// (0 power off, 1 power on, 2 reset, 4 send the ATR), anything longer is an APDU to answer.
import ChipCard
import ChipCardTesting
import ChipChart

#if canImport(Glibc)
    import Glibc
#endif

/// The ATR of a contactless card as PC/SC part 3 presents it: T=1, no historical bytes.
let answerToReset: [UInt8] = [0x3B, 0x80, 0x80, 0x01, 0x01]

func readExactly(_ socket: Int32, _ count: Int) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var received = 0
    while received < count {
        let result = bytes.withUnsafeMutableBytes { buffer in
            recv(socket, buffer.baseAddress.map { $0 + received }, count - received, 0)
        }
        guard result > 0 else { return nil }
        received += result
    }
    return bytes
}

func send(_ socket: Int32, _ message: [UInt8]) -> Bool {
    let framed = [UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message
    return framed.withUnsafeBytes { buffer in Glibc.send(socket, buffer.baseAddress, buffer.count, 0) } == framed.count
}

let arguments = Array(CommandLine.arguments.dropFirst())
let host = arguments.first ?? "127.0.0.1"
let port = arguments.dropFirst().first.flatMap { UInt16($0) } ?? 35963

let pki = try SimulatedPKI()
let chip = try SimulatedChip(card: try SimulatedCard.sample, pki: pki)
let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
var address = sockaddr_in()
address.sin_family = sa_family_t(AF_INET)
address.sin_port = port.bigEndian
inet_pton(AF_INET, host, &address.sin_addr)
let connected = withUnsafePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
}
guard connected == 0 else {
    print("cannot connect to vpcd at \(host):\(port); is pcscd running with vsmartcard-vpcd?")
    exit(1)
}
print("virtual card inserted in vpcd at \(host):\(port)")
while let header = readExactly(connection, 2) {
    let length = Int(header[0]) << 8 | Int(header[1])
    guard let message = readExactly(connection, length) else { break }
    if message.count == 1 {
        switch message[0] {
        case 0x00, 0x01, 0x02: await chip.reset()
        case 0x04: guard send(connection, answerToReset) else { exit(1) }
        default: break
        }
        continue
    }
    let reply = try await chip.transmit(message)
    guard send(connection, reply) else { break }
}
print("vpcd closed the connection")
