/// One item of a portal answer's list whose every field is text under one JSON name: the names
/// are said once, and both reading an answer and writing one go by them.
protocol PortalTextRecord {
    /// Each field's JSON name, in the order the portal lists them.
    static var jsonNames: [(name: String, field: WritableKeyPath<Self, String>)] { get }

    /// An item with every field empty.
    init()
}

extension PortalTextRecord {
    /// The item in `json`; an absent field is empty.
    init(json: PortalJSON) {
        self.init()
        for (name, field) in Self.jsonNames { self[keyPath: field] = json[name] ?? "" }
    }

    /// The fields by their JSON names.
    var jsonFields: [String: String] {
        Dictionary(uniqueKeysWithValues: Self.jsonNames.map { ($0.name, self[keyPath: $0.field]) })
    }
}
