// The claims field tables, embedded from `Schemas/claims/*.csv` (the source of truth).
// A test proves each constant equals its file byte for byte: edit the file, then copy it here.

enum ClaimSchemaFiles {
    /// `Schemas/claims/checkin.csv`.
    static let checkIn = """
        name,type,maxLength,required
        MA_LK,string,100,yes
        STT,integer,10,yes
        MA_BN,string,100,yes
        HO_TEN,string,255,yes
        SO_CCCD,string,15,no
        NGAY_SINH,birthdate,12,yes
        GIOI_TINH,integer,1,yes
        MA_THE_BHYT,string,,yes
        MA_DKBD,string,,yes
        GT_THE_TU,date,,yes
        GT_THE_DEN,date,,no
        MA_DOITUONG_KCB,string,4,yes
        NGAY_VAO,datetime,12,yes
        NGAY_VAO_NOI_TRU,datetime,12,no
        LY_DO_VNT,string,,no
        MA_LY_DO_VNT,string,5,no
        MA_LOAI_KCB,string,2,yes
        MA_CSKCB,string,5,yes
        MA_DICH_VU,string,50,no
        TEN_DICH_VU,string,1024,no
        MA_THUOC,string,255,no
        TEN_THUOC,string,1024,no
        MA_VAT_TU,string,255,no
        TEN_VAT_TU,string,1024,no
        NGAY_YL,datetime,12,no
        DU_PHONG,string,,no

        """

    /// `Schemas/claims/xml1.csv`.
    static let summary = """
        name,type,maxLength,required
        MA_LK,string,100,yes
        STT,integer,10,yes
        MA_BN,string,100,yes
        HO_TEN,string,255,yes
        SO_CCCD,string,15,no
        NGAY_SINH,birthdate,12,yes
        GIOI_TINH,integer,1,yes
        MA_QUOCTICH,string,3,no
        MA_DANTOC,string,2,no
        MA_NGHE_NGHIEP,string,5,no
        DIA_CHI,string,1024,no
        MATINH_CU_TRU,string,3,no
        MAHUYEN_CU_TRU,string,3,no
        MAXA_CU_TRU,string,5,no
        DIEN_THOAI,string,15,no
        MA_THE_BHYT,string,,yes
        MA_DKBD,string,,yes
        GT_THE_TU,date,,yes
        GT_THE_DEN,date,,no
        NGAY_MIEN_CCT,date,8,no
        LY_DO_VV,string,,no
        LY_DO_VNT,string,,no
        MA_LY_DO_VNT,string,5,no
        CHAN_DOAN_VAO,string,,no
        CHAN_DOAN_RV,string,,yes
        MA_BENH_CHINH,string,7,yes
        MA_BENH_KT,string,100,no
        MA_BENH_YHCT,string,255,no
        MA_PTTT_QT,string,125,no
        MA_DOITUONG_KCB,string,4,yes
        MA_NOI_DI,string,5,no
        MA_NOI_DEN,string,5,no
        MA_TAI_NAN,integer,1,no
        NGAY_VAO,datetime,12,yes
        NGAY_VAO_NOI_TRU,datetime,12,no
        NGAY_RA,datetime,12,yes
        GIAY_CHUYEN_TUYEN,string,50,no
        SO_NGAY_DTRI,integer,3,yes
        PP_DIEU_TRI,string,,no
        KET_QUA_DTRI,integer,1,yes
        MA_LOAI_RV,integer,1,yes
        GHI_CHU,string,,no
        NGAY_TTOAN,datetime,12,yes
        T_THUOC,money,15,yes
        T_VTYT,money,15,yes
        T_TONGCHI_BV,money,15,yes
        T_TONGCHI_BH,money,15,yes
        T_BNTT,money,15,yes
        T_BNCCT,money,15,yes
        T_BHTT,money,15,yes
        T_NGUONKHAC,money,15,yes
        T_BHTT_GDV,money,15,yes
        NAM_QT,integer,4,yes
        THANG_QT,integer,2,yes
        MA_LOAI_KCB,string,2,yes
        MA_KHOA,string,50,no
        MA_CSKCB,string,5,yes
        MA_KHUVUC,string,2,no
        CAN_NANG,decimal,6,no
        CAN_NANG_CON,string,100,no
        NAM_NAM_LIEN_TUC,date,8,no
        NGAY_TAI_KHAM,string,50,no
        MA_HSBA,string,100,no
        MA_TTDV,string,10,no
        DU_PHONG,string,,no

        """

    /// `Schemas/claims/xml2.csv`.
    static let drugs = """
        name,type,maxLength,required
        MA_LK,string,100,yes
        STT,integer,10,yes
        MA_THUOC,string,255,yes
        MA_PP_CHEBIEN,string,255,no
        MA_CSKCB_THUOC,string,10,no
        MA_NHOM,integer,2,yes
        TEN_THUOC,string,1024,yes
        DON_VI_TINH,string,50,no
        HAM_LUONG,string,1024,no
        DUONG_DUNG,string,4,no
        DANG_BAO_CHE,string,1024,no
        LIEU_DUNG,string,1024,no
        CACH_DUNG,string,1024,no
        SO_DANG_KY,string,255,no
        TT_THAU,string,50,no
        PHAM_VI,integer,1,yes
        TYLE_TT_BH,integer,3,yes
        SO_LUONG,decimal,10,yes
        DON_GIA,money,15,yes
        THANH_TIEN_BV,money,15,yes
        THANH_TIEN_BH,money,15,yes
        T_NGUONKHAC_NSNN,money,15,no
        T_NGUONKHAC_VTNN,money,15,no
        T_NGUONKHAC_VTTN,money,15,no
        T_NGUONKHAC_CL,money,15,no
        T_NGUONKHAC,money,15,no
        MUC_HUONG,integer,3,yes
        T_BNTT,money,15,yes
        T_BNCCT,money,15,yes
        T_BHTT,money,15,yes
        MA_KHOA,string,50,no
        MA_BAC_SI,string,255,no
        MA_DICH_VU,string,255,no
        NGAY_YL,datetime,12,yes
        MA_PTTT,integer,1,yes
        NGUON_CTRA,integer,1,yes
        VET_THUONG_TP,integer,1,no
        DU_PHONG,string,,no

        """

    /// `Schemas/claims/xml3.csv`.
    static let services = """
        name,type,maxLength,required
        MA_LK,string,100,yes
        STT,integer,10,yes
        MA_DICH_VU,string,50,no
        MA_PTTT_QT,string,255,no
        MA_VAT_TU,string,255,no
        MA_NHOM,integer,2,yes
        GOI_VTYT,string,3,no
        TEN_VAT_TU,string,1024,no
        TEN_DICH_VU,string,1024,no
        MA_XANG_DAU,string,20,no
        DON_VI_TINH,string,50,no
        PHAM_VI,integer,1,yes
        SO_LUONG,decimal,10,yes
        DON_GIA_BV,money,15,yes
        DON_GIA_BH,money,15,yes
        TT_THAU,string,25,no
        TYLE_TT_DV,integer,3,yes
        TYLE_TT_BH,integer,3,yes
        THANH_TIEN_BV,money,15,yes
        THANH_TIEN_BH,money,15,yes
        T_TRANTT,money,15,no
        MUC_HUONG,integer,3,yes
        T_NGUONKHAC_NSNN,money,15,no
        T_NGUONKHAC_VTNN,money,15,no
        T_NGUONKHAC_VTTN,money,15,no
        T_NGUONKHAC_CL,money,15,no
        T_NGUONKHAC,money,15,no
        T_BNTT,money,15,yes
        T_BNCCT,money,15,yes
        T_BHTT,money,15,yes
        MA_KHOA,string,50,no
        MA_GIUONG,string,50,no
        MA_BAC_SI,string,255,no
        NGUOI_THUC_HIEN,string,255,no
        MA_BENH,string,100,no
        MA_BENH_YHCT,string,255,no
        NGAY_YL,datetime,12,yes
        NGAY_TH_YL,datetime,12,no
        NGAY_KQ,datetime,12,no
        MA_PTTT,integer,1,yes
        VET_THUONG_TP,integer,1,no
        PP_VO_CAM,integer,1,no
        VI_TRI_TH_DVKT,string,255,no
        MA_MAY,string,1024,no
        MA_HIEU_SP,string,255,no
        TAI_SU_DUNG,integer,1,no
        DU_PHONG,string,,no

        """

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
