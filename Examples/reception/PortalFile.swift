import ChipChart
import ChipChartTesting
import ExampleSupport
import Foundation

/// `--portal FILE`: a scenario for the simulated insurer, read and loaded with every failure
/// named `portal`.
enum PortalFile {
    /// Loads the scenario at `path` into `insurer`.
    ///
    /// - Throws: ``MissingInput`` (`portal`, status 66) for a file that does not exist or cannot
    ///   be read; `ValidationError` (`portal`, status 65) for a file that is not a regular file,
    ///   not JSON (with the line and column), not a scenario (with the path of the value), or a
    ///   scenario with a value that does not validate (with its path).
    static func load(_ path: String, into insurer: SimulatedInsurancePortal) throws {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
            throw MissingInput(field: "portal", message: "no such file")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw ValidationError(field: "portal", reason: .invalidFormat, message: "not a regular file")
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw MissingInput(field: "portal", message: "the file cannot be read")
        }
        do {
            try insurer.load(scenario: data)
        } catch let error as DecodingError {
            throw ValidationError(field: "portal", reason: .invalidFormat, message: describe(error, in: data))
        } catch let error as ValidationError {
            let place = error.field.hasPrefix("scenario.") ? String(error.field.dropFirst(9)) : error.field
            throw ValidationError(field: "portal", reason: error.reason, message: "\(place): \(error.message)")
        }
    }

    /// Where and what: `line 3, column 5: not valid JSON (…)`, or `people[0].name: …`.
    static func describe(_ error: DecodingError, in data: Data) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return syntaxError(in: data)
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): the key is missing"
        @unknown default:
            return "not a scenario: \(error)"
        }
    }

    /// The JSON parser's own account of a syntax error, with the line and column it names.
    private static func syntaxError(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return "not a scenario"
        } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            let digits = text.reversed().drop { !$0.isNumber }.prefix { $0.isNumber }
            let offset = Int(String(digits.reversed())) ?? data.count
            let before = data.prefix(offset)
            let line = before.filter { $0 == 0x0A }.count + 1
            let column = before.count - (before.lastIndex(of: 0x0A).map { $0 - before.startIndex + 1 } ?? 0) + 1
            return "line \(line), column \(column): not valid JSON (\(text))"
        }
    }

    /// `people[0].card.code`.
    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "the whole file" : text
    }
}
