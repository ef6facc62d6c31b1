import Foundation
import Synchronization

/// Progress on standard error, for a command that runs for minutes.
///
/// With a total, a bar: redrawn in place on a terminal, or, where the caller shows it off a
/// terminal too (`clinic-day`'s morning), a line at every tenth. Without a total (an archive's
/// records, a range's visits), a count redrawn in place, on a terminal only. Disabled, it prints
/// nothing; ``onTerminal(quiet:)`` says whether a command shows it at all.
public final class ProgressBar: Sendable {
    private let total: Int?
    private let enabled: Bool
    private let label: String
    private let isTerminal: Bool
    private let done = Mutex((count: 0, shown: -1))
    private let finished = Mutex(false)

    /// A progress of `total` steps (`nil`: counted, of no known total), shown when `enabled`,
    /// each line starting with `label`.
    public init(total: Int?, enabled: Bool, label: String = "") {
        self.total = total.map { max($0, 1) }
        self.isTerminal = isatty(STDERR_FILENO) == 1
        self.enabled = enabled && (total != nil || isTerminal)
        self.label = label.isEmpty ? "" : label + " "
    }

    /// Whether a command shows progress: not with `--quiet`, and only when standard error is a
    /// terminal, so output piped or sent to a file is exactly what it was without progress.
    public static func onTerminal(quiet: Bool) -> Bool {
        !quiet && isatty(STDERR_FILENO) == 1
    }

    /// `steps` more done.
    public func advance(by steps: Int = 1) {
        guard enabled else { return }
        let line: String? = done.withLock { state in
            state.count += steps
            return render(&state)
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// `count` done in all, as the work reports it.
    public func update(to count: Int) {
        guard enabled else { return }
        let line: String? = done.withLock { state in
            state.count = count
            return render(&state)
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Ends the progress: on a terminal, the line it redraws, if it drew one, is ended. Only the first call
    /// does anything, so a command may finish it before printing its result and again on the
    /// way out.
    public func finish() {
        let first = finished.withLock { done in
            defer { done = true }
            return !done
        }
        let shown = done.withLock { $0.shown != -1 }
        if first, shown, enabled, isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// The line to print for the count in `state`, or `nil` when the shown one is still right.
    private func render(_ state: inout (count: Int, shown: Int)) -> String? {
        guard let total else {
            guard state.count != state.shown else { return nil }
            state.shown = state.count
            return "\r\(label)\(state.count)"
        }
        let percent = min(state.count, total) * 100 / total
        let step = isTerminal ? percent : percent / 10 * 10
        guard step != state.shown else { return nil }
        state.shown = step
        let filled = percent * 30 / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
        return isTerminal ? "\r\(label)\(bar) \(percent)% (\(state.count)/\(total))" : "\(label)\(bar) \(percent)%\n"
    }
}
