extension Visit {
    /// The claims fields this visit lacks to be closed, in the order of XML1: empty when a claim
    /// can be made of it once discharged.
    ///
    /// - `MA_BENH_CHINH`: no main diagnosis.
    /// - `MA_KHOA`: an inpatient stay that was never placed in a department.
    /// - `MA_DICH_VU`: nothing was ordered, so the claim has no line (XML2/XML3).
    ///
    /// The discharge itself supplies `NGAY_RA`, `KET_QUA_DTRI` and `MA_LOAI_RV`, and a referral's
    /// `MA_NOI_DEN` and `GIAY_CHUYEN_TUYEN` (``Discharge/init(outcome:type:referral:followUp:sickLeave:)``).
    public var missingClaimFields: [String] {
        var missing: [String] = []
        if mainDiagnosis == nil { missing.append("MA_BENH_CHINH") }
        if kind.isInpatient, chart.department == nil { missing.append("MA_KHOA") }
        if lineItems.isEmpty { missing.append("MA_DICH_VU") }
        return missing
    }
}
