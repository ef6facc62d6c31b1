/// One table of the claims standard: its XML element names and its fields in order.
///
/// ```swift
/// print(ClaimTable.summary.fileType)                  // "XML1"
/// print(ClaimTable.summary.fields.first?.name ?? "")  // "MA_LK"
/// ```
public struct ClaimTable: Hashable, Sendable, CustomStringConvertible {
    /// The `LOAIHOSO` of the table inside the envelope (`XML1`), or the schema's name for the
    /// check-in table, which is sent on its own (`CHECKIN`).
    public let fileType: String
    /// The schema file's base name in `Schemas/claims/` (`xml1`).
    public let schemaName: String
    /// The root element (`TONG_HOP`).
    public let rootElement: String
    /// The list element between the root and the rows, for tables with many rows.
    public let listElement: String?
    /// The element of one row, for tables with many rows (`CHI_TIET_THUOC`).
    public let rowElement: String?
    /// The fields, in the standard's order.
    public let fields: [ClaimField]
    private let positions: [String: Int]

    /// Creates a table description.
    public init(
        fileType: String,
        schemaName: String,
        rootElement: String,
        listElement: String?,
        rowElement: String?,
        fields: [ClaimField]
    ) {
        self.fileType = fileType
        self.schemaName = schemaName
        self.rootElement = rootElement
        self.listElement = listElement
        self.rowElement = rowElement
        self.fields = fields
        self.positions = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The check-in table (`CHI_TIEU_TRANG_THAI_KCB`), sent early so other facilities see the
    /// visit open.
    public static let checkIn = ClaimTable(
        fileType: "CHECKIN",
        schemaName: "checkin",
        rootElement: "CHI_TIEU_TRANG_THAI_KCB",
        listElement: "DSACH_TRANG_THAI_KCB",
        rowElement: "TRANG_THAI_KCB"
    )

    /// XML1, the encounter summary (`TONG_HOP`).
    public static let summary = ClaimTable(
        fileType: "XML1",
        schemaName: "xml1",
        rootElement: "TONG_HOP",
        listElement: nil,
        rowElement: nil
    )

    /// XML2, drugs (`CHITIEU_CHITIET_THUOC`).
    public static let drugs = ClaimTable(
        fileType: "XML2",
        schemaName: "xml2",
        rootElement: "CHITIEU_CHITIET_THUOC",
        listElement: "DSACH_CHI_TIET_THUOC",
        rowElement: "CHI_TIET_THUOC"
    )

    /// XML3, services and supplies (`CHITIEU_CHITIET_DVKT_VTYT`).
    public static let services = ClaimTable(
        fileType: "XML3",
        schemaName: "xml3",
        rootElement: "CHITIEU_CHITIET_DVKT_VTYT",
        listElement: "DSACH_CHI_TIET_DVKT",
        rowElement: "CHI_TIET_DVKT"
    )

    /// A table whose fields are those of its schema file, as embedded in the library.
    init(
        fileType: String,
        schemaName: String,
        rootElement: String,
        listElement: String?,
        rowElement: String?
    ) {
        self.init(
            fileType: fileType,
            schemaName: schemaName,
            rootElement: rootElement,
            listElement: listElement,
            rowElement: rowElement,
            fields: ClaimSchemaFiles.fields(ClaimSchemaFiles.text(schemaName))
        )
    }

    /// Every table, in the order of the standard, with every version of each.
    public static let all: [ClaimTable] = [.checkIn, .summary, .drugs, .services] + records

    /// The text of the table's schema file in `Schemas/claims/`, as embedded in the library.
    public var schemaFile: String { ClaimSchemaFiles.text(schemaName) }

    /// The field with a name.
    public func field(named name: String) -> ClaimField? { positions[name].map { fields[$0] } }

    /// The position of a field in the standard's order.
    public func position(of name: String) -> Int? { positions[name] }

    /// The file type.
    public var description: String { fileType }
}
