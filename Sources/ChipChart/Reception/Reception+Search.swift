extension Reception {
    /// Lists patients matching what a receptionist types, before anyone registers a new person:
    /// a name (any case, with or without diacritics) and optionally a birth year, as in
    /// `nguyen van a 1999`.
    ///
    /// The name matches as a prefix of the folded name, so `nguyen van` lists every Nguyễn Văn.
    public func search(_ text: String, by staff: Staff, limit: Int = 20) async throws -> [Patient] {
        var words: [Substring] = []
        var year: Int?
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if word.count == 4, let number = Int(word), (1850...2399).contains(number) {
                year = number
            } else {
                words.append(word)
            }
        }
        let prefix = words.joined(separator: " ")
        guard !prefix.isEmpty else { return [] }
        return try await store.patients(
            namePrefix: prefix,
            bornIn: year,
            limit: limit,
            for: Access(by: staff, purpose: "search before registration")
        )
    }
}
