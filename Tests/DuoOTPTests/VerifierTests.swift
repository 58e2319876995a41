import DuoCore
import DuoOTP
import Testing

struct VerifierTests {
    static func totp(period: UInt64 = 30) throws -> TOTPGenerator {
        try TOTPGenerator(secret: try OTPSecret(bytes: Array("12345678901234567890".utf8)), period: period)
    }

    @Test func windowAcceptsNeighbouringStepsAndReportsTheStep() throws {
        let generator = try Self.totp()
        let now: UInt64 = 1_767_225_645
        let step = generator.step(at: now)
        let verifier = try TOTPVerifier(generator: generator, window: 1)
        #expect(verifier.verify(generator.code(step: step), at: now) == .accepted(step: step))
        #expect(verifier.verify(generator.code(step: step - 1), at: now) == .accepted(step: step - 1))
        #expect(verifier.verify(generator.code(step: step + 1), at: now) == .accepted(step: step + 1))
        // Two steps away is outside a window of 1 (unless the codes collide by chance).
        let far = generator.code(step: step + 2)
        if ![step - 1, step, step + 1].contains(where: { generator.code(step: $0) == far }) {
            #expect(verifier.verify(far, at: now) == .rejected(.noMatch))
        }
        let strict = try TOTPVerifier(generator: generator, window: 0)
        #expect(strict.verify(generator.code(step: step - 1), at: now) == .rejected(.noMatch) || generator.code(step: step - 1) == generator.code(step: step))
    }

    @Test func candidateOrderAndEdges() throws {
        let verifier = try TOTPVerifier(generator: try Self.totp(), window: 2)
        #expect(verifier.candidateSteps(around: 10) == [10, 9, 11, 8, 12])
        #expect(verifier.candidateSteps(around: 0) == [0, 1, 2])
        #expect(verifier.candidateSteps(around: 1) == [1, 0, 2, 3])
        #expect(verifier.candidateSteps(around: UInt64.max) == [UInt64.max, UInt64.max - 1, UInt64.max - 2])
        #expect(throws: OTPError.invalidWindow(11, maximum: 10)) { try TOTPVerifier(generator: try Self.totp(), window: 11) }
        #expect(throws: OTPError.invalidWindow(-1, maximum: 10)) { try TOTPVerifier(generator: try Self.totp(), window: -1) }
    }

    @Test func malformedCodesAreRejectedBeforeComparing() throws {
        let verifier = try TOTPVerifier(generator: try Self.totp(), window: 1)
        for bad in ["", "12345", "1234567", "12345a", " 12345", "１２３４５６"] {
            #expect(verifier.verify(bad, at: 59) == .rejected(.malformedCode), "\(bad)")
        }
    }

    @Test func lastAcceptedStepRejectsReplays() throws {
        let generator = try Self.totp()
        let verifier = try TOTPVerifier(generator: generator, window: 1)
        let now: UInt64 = 2_000_000_000
        let step = generator.step(at: now)
        let code = generator.code(step: step)
        #expect(verifier.verify(code, at: now, lastAcceptedStep: step - 1) == .accepted(step: step))
        #expect(verifier.verify(code, at: now, lastAcceptedStep: step) == .rejected(.replayed(step: step)))
        // An older code inside the window is dead once a newer one was accepted.
        #expect(verifier.verify(generator.code(step: step - 1), at: now, lastAcceptedStep: step) == .rejected(.replayed(step: step - 1)))
    }

    @Test func replayGuardAcceptsEachCodeOnce() async throws {
        let generator = try Self.totp()
        let verifier = try TOTPVerifier(generator: generator, window: 1)
        let store = InMemoryReplayGuard()
        let now: UInt64 = 1_111_111_111
        let code = generator.code(at: now)
        #expect(try await verifier.verify(code, account: "alice", at: now, replayGuard: store) == .accepted(step: generator.step(at: now)))
        #expect(try await verifier.verify(code, account: "alice", at: now, replayGuard: store) == .rejected(.replayed(step: generator.step(at: now))))
        // Another account is independent.
        #expect(try await verifier.verify(code, account: "bob", at: now, replayGuard: store).isAccepted)
        #expect(await store.lastAcceptedStep(for: "alice") == generator.step(at: now))
        await store.forget(account: "alice")
        #expect(await store.lastAcceptedStep(for: "alice") == nil)
    }

    @Test func parallelLoginsWithOneCodeSucceedOnce() async throws {
        let generator = try Self.totp()
        let verifier = try TOTPVerifier(generator: generator, window: 1)
        let store = InMemoryReplayGuard()
        let now: UInt64 = 1_234_567_890
        let code = generator.code(at: now)
        let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { try await verifier.verify(code, account: "alice", at: now, replayGuard: store).isAccepted } }
            var count = 0
            for try await result in group where result { count += 1 }
            return count
        }
        #expect(accepted == 1)
    }

    struct FailingGuard: ReplayGuard {
        struct Down: Error {}
        func recordAcceptance(step: UInt64, for account: String) async throws -> Bool { throw Down() }
    }

    @Test func aFailingStoreFailsClosed() async throws {
        let generator = try Self.totp()
        let verifier = try TOTPVerifier(generator: generator)
        await #expect(throws: FailingGuard.Down.self) {
            try await verifier.verify(generator.code(at: 59), account: "a", at: 59, replayGuard: FailingGuard())
        }
    }

    @Test func hotpLookAheadReturnsTheCounterToStore() throws {
        let hotp = try HOTPGenerator(secret: try OTPSecret(bytes: Array("12345678901234567890".utf8)))
        let verifier = try HOTPVerifier(generator: hotp, lookAhead: 3)
        // RFC 4226: counter 5 is 254676.
        #expect(verifier.verify("254676", counter: 2) == .accepted(counter: 5))
        #expect(verifier.verify("254676", counter: 2).nextCounter == 6)
        #expect(verifier.verify("254676", counter: 1) == .rejected(.noMatch))    // beyond the look-ahead
        #expect(verifier.verify("254676", counter: 6) == .rejected(.noMatch))    // never backwards
        #expect(verifier.verify("25467", counter: 2) == .rejected(.malformedCode))
        let exact = try HOTPVerifier(generator: hotp)
        #expect(exact.verify("755224", counter: 0) == .accepted(counter: 0))
        #expect(exact.verify("287082", counter: 0) == .rejected(.noMatch))
        #expect(throws: OTPError.invalidLookAhead(101, maximum: 100)) { try HOTPVerifier(generator: hotp, lookAhead: 101) }
    }

    @Test func hotpAtTheEndOfTheCounterRange() throws {
        let hotp = try HOTPGenerator(secret: try OTPSecret(bytes: [1, 2, 3]))
        let verifier = try HOTPVerifier(generator: hotp, lookAhead: 10)
        let last = hotp.code(counter: UInt64.max)
        let result = verifier.verify(last, counter: UInt64.max - 2)
        #expect(result.isAccepted)
        if result == .accepted(counter: UInt64.max) { #expect(result.nextCounter == nil) }
        #expect(verifier.verify(last, counter: UInt64.max).nextCounter == nil)
    }
}

struct WallClockTests {
    @Test func injectedClockDrivesCodesAndVerification() async throws {
        let generator = try TOTPGenerator(secret: try OTPSecret(bytes: Array("12345678901234567890".utf8)), digits: 8)
        #expect(try generator.code(now: FixedWallClock(secondsSince1970: 59.5)) == "94287082")
        #expect(throws: OTPError.timeBeforeEpoch) { try generator.code(now: FixedWallClock(secondsSince1970: -0.5)) }
        let verifier = try TOTPVerifier(generator: generator, window: 1)
        let store = InMemoryReplayGuard()
        let clock = FixedWallClock(secondsSince1970: 1_111_111_111)
        #expect(try await verifier.verify("14050471", account: "a", clock: clock, replayGuard: store) == .accepted(step: 0x023523ED))
        #expect(try await verifier.verify("14050471", account: "a", clock: clock, replayGuard: store) == .rejected(.replayed(step: 0x023523ED)))
        // The previous step's code is dead now, although inside the window.
        #expect(try await verifier.verify("07081804", account: "a", clock: clock, replayGuard: store) == .rejected(.replayed(step: 0x023523EC)))
    }
}
