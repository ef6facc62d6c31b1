import Foundation

/// The kind of encounter (`MA_LOAI_KCB`), as the claims code it.
public struct VisitKind: Hashable, Sendable, StoredAsText, CustomStringConvertible {
    /// The two-digit code, such as `01`.
    public let code: String

    /// A kind by its code.
    ///
    /// - Throws: ``ValidationError`` (`unknownCode`) for a code the standard does not define.
    public init(code: String, field: String = "visitKind") throws(ValidationError) {
        guard VisitKind.meanings[code] != nil else {
            throw ValidationError.unknownCode(field, "\(code) is not a MA_LOAI_KCB code")
        }
        self.code = code
    }

    private init(trusted code: String) { self.code = code }

    /// 01: outpatient visit.
    public static let outpatient = VisitKind(trusted: "01")
    /// 02: outpatient course of treatment.
    public static let outpatientCourse = VisitKind(trusted: "02")
    /// 03: inpatient stay.
    public static let inpatient = VisitKind(trusted: "03")
    /// 04: day inpatient.
    public static let dayInpatient = VisitKind(trusted: "04")
    /// 05: outpatient settled per day.
    public static let outpatientPerDay = VisitKind(trusted: "05")
    /// 07: refill by appointment.
    public static let refillByAppointment = VisitKind(trusted: "07")
    /// 08: long-term outpatient.
    public static let longTermOutpatient = VisitKind(trusted: "08")
    /// 09: inpatient under 4 hours.
    public static let shortInpatient = VisitKind(trusted: "09")

    private static let meanings: [String: String] = [
        "01": "outpatient visit", "02": "outpatient course", "03": "inpatient", "04": "day inpatient",
        "05": "outpatient settled per day", "07": "refill by appointment", "08": "long-term outpatient",
        "09": "inpatient under 4 hours",
    ]

    /// What the code means.
    public var meaning: String { VisitKind.meanings[code] ?? "" }

    /// True for the inpatient kinds (03, 04, 09).
    public var isInpatient: Bool { ["03", "04", "09"].contains(code) }

    /// The code.
    public var description: String { code }

    /// The text stored: ``code``.
    public var storedText: String { code }

    /// Checks a stored code as ``init(code:field:)`` does.
    public init(storedText: String) throws(ValidationError) { try self.init(code: storedText) }
}
