import Foundation

/// The chip-card lookup protocol: anything that can produce a ``CardReading``.
///
/// Implementations live in the `ChipCard` module: a QR payload source (a keyboard-wedge
/// scanner), an MRZ parser, and the ICAO 9303 chip over an APDU transport (a PC/SC reader or the
/// simulated chip). The clinic executables depend only on this protocol.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let reading = try await reader.read()
/// let receipt = try await reception.checkIn(reading, for: visitRequest, by: staff)
/// ```
///
/// A reader throws a ``ValidationError`` for a card whose data is malformed, and its own error
/// for a transport failure; it never returns a half-filled reading.
public protocol CardReader: Sendable {
    /// Reads one card.
    ///
    /// - Throws: ``ValidationError`` for malformed card data, or the reader's transport error.
    func read() async throws -> CardReading
}
