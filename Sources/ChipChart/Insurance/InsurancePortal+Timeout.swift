import Foundation
import Synchronization

extension InsurancePortal {
    /// Asks the portal, giving up after `timeout`.
    ///
    /// The answer is awaited at most `timeout`, even from a portal that ignores cancellation: the
    /// lookup runs in its own task, which is cancelled when time is up.
    ///
    /// - Throws: ``PortalUnavailable`` when the portal fails, is unreachable or does not answer
    ///   in time; `CancellationError` when the calling task is cancelled.
    public func verify(_ query: PortalQuery, timeout: Duration) async throws -> PortalAnswer {
        let race = PortalRace()
        let lookup = Task { [self] in
            do {
                race.finish(.success(try await self.verify(query)))
            } catch let error as PortalUnavailable {
                race.finish(.failure(error))
            } catch {
                race.finish(.failure(PortalUnavailable(reason: "the portal failed (\(type(of: error)))")))
            }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            race.finish(.failure(PortalUnavailable(reason: "no answer within \(timeout)")))
        }
        let result = await withTaskCancellationHandler {
            await race.result()
        } onCancel: {
            race.finish(.failure(PortalUnavailable(reason: "cancelled")))
        }
        lookup.cancel()
        timer.cancel()
        try Task.checkCancellation()
        return try result.get()
    }
}

/// The first of several finishers wins; later ones are ignored.
private final class PortalRace: Sendable {
    private struct State {
        var result: Result<PortalAnswer, PortalUnavailable>?
        var waiter: CheckedContinuation<Result<PortalAnswer, PortalUnavailable>, Never>?
    }

    private let state = Mutex(State())

    func finish(_ result: Result<PortalAnswer, PortalUnavailable>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<PortalAnswer, PortalUnavailable>, Never>? in
            guard state.result == nil else { return nil }
            state.result = result
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: result)
    }

    func result() async -> Result<PortalAnswer, PortalUnavailable> {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<PortalAnswer, PortalUnavailable>? in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
