// The claims field tables: `Schemas/claims/*.csv` (the source of truth), embedded by
// `Schemas/embed.sh` into `ClaimSchemaFiles+Embedded.swift` (the check-in table, XML1–3) and
// `ClaimSchemaFiles+EmbeddedRecords.swift` (XML4 on); a test proves each equals its file.

enum ClaimSchemaFiles {
    /// The embedded text of `Schemas/claims/<name>.csv` (empty for a name with no file; the schema
    /// test checks every table's).
    static func text(_ name: String) -> String { embeddedClaims[name] ?? embeddedRecords[name] ?? "" }

    /// Reads a schema file: a header line, then `name,type,maxLength,required` per field.
    /// Lines that do not have four columns are skipped; the schema test counts the fields.
    static func fields(_ text: String) -> [ClaimField] {
        text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: ",", omittingEmptySubsequences: false)
            guard columns.count == 4 else { return nil }
            return ClaimField(
                name: String(columns[0]),
                kind: ClaimField.Kind(String(columns[1])),
                maxLength: Int(columns[2]),
                isRequired: columns[3] == "yes"
            )
        }
    }
}
