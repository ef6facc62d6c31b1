import Foundation
import Synchronization

/// A progress bar on standard error: redrawn in place on a terminal, a line every 10% otherwise.
final class Progress: Sendable {
    private let total: Int
    private let enabled: Bool
    private let label: String
    private let isTerminal: Bool
    private let done = Mutex((count: 0, shown: -1))

    init(total: Int, enabled: Bool, label: String = "") {
        self.total = max(total, 1)
        self.enabled = enabled
        self.label = label.isEmpty ? "" : label + " "
        self.isTerminal = isatty(STDERR_FILENO) == 1
    }

    func advance(by steps: Int = 1) {
        guard enabled else { return }
        let line: String? = done.withLock { state in
            state.count += steps
            let percent = min(state.count, total) * 100 / total
            let step = isTerminal ? percent : percent / 10 * 10
            guard step != state.shown else { return nil }
            state.shown = step
            let filled = percent * 30 / 100
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
            return isTerminal
                ? "\r\(label)\(bar) \(percent)% (\(state.count)/\(total))" : "\(label)\(bar) \(percent)%\n"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        if enabled, isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
