import ChipChart
import ChipChartTesting
import Testing

/// The default table, cell by cell where it matters, and break-the-glass.
@Suite("The default access policy")
struct DefaultAccessPolicyTests {
    static let cases: [(Staff.Role, AccessAction, AccessResource, Bool)] = [
        (.receptionist, .write, .patient, true),
        (.receptionist, .write, .visit, true),
        (.receptionist, .read, .results, false),
        (.receptionist, .read, .clinicalNotes, false),
        (.receptionist, .write, .vitalSigns, false),
        (.receptionist, .read, .claims, true),
        (.nurse, .write, .coverage, true),
        (.nurse, .write, .vitalSigns, true),
        (.nurse, .write, .discharge, false),
        (.nurse, .write, .orders, true),
        (.nurse, .read, .results, true),
        (.nurse, .read, .claims, false),
        (.physician, .read, .claims, true),
        (.physician, .write, .discharge, true),
        (.physician, .write, .orders, true),
        (.physician, .write, .patient, false),
        (.claimsOfficer, .read, .results, true),
        (.claimsOfficer, .read, .claims, true),
        (.claimsOfficer, .write, .clinicalNotes, false),
        (.claimsOfficer, .write, .visit, false),
        (.administrator, .write, .patient, true),
        (.administrator, .write, .results, false),
        (.laboratoryTechnician, .write, .results, true),
        (.laboratoryTechnician, .write, .discharge, false),
        (Staff.Role("pharmacist"), .read, .patient, false),
    ]

    @Test(arguments: cases)
    func table(_ role: Staff.Role, _ action: AccessAction, _ resource: AccessResource, _ allowed: Bool) throws {
        var staff = try RecordSamples.staff()
        staff.role = role
        let decision = DefaultAccessPolicy().decide(action, resource, for: Access(by: staff, purpose: "test"))
        #expect((decision == .allow) == allowed, "\(role) \(action) \(resource): \(decision)")
    }

    @Test("a clinician stating an emergency is allowed in emergency; others are still refused")
    func breakTheGlass() throws {
        let nurse = try ChartSamples.nurse()
        let policy = DefaultAccessPolicy()
        let emergency = Access(by: nurse, purpose: "resuscitation", emergencyReason: "cardiac arrest")
        #expect(policy.decide(.write, .discharge, for: emergency) == .allowInEmergency(reason: "cardiac arrest"))
        #expect(policy.decide(.write, .vitalSigns, for: emergency) == .allow)
        let receptionist = Access(by: try RecordSamples.staff(), purpose: "desk", emergencyReason: "cardiac arrest")
        #expect(
            policy.decide(.read, .results, for: receptionist) == .deny(reason: "a receptionist may not read results")
        )
        #expect(Access(by: nurse, purpose: "ward", emergencyReason: "").emergencyReason == nil)
    }
}
