internal import CPKCS11
import Foundation

/// A logged-in session on a PKCS#11 token, and the module it came from.
///
/// `@unchecked Sendable`: every call into the module goes through `lock`, since a PKCS#11
/// session serves one call at a time.
final class PKCS11Session: @unchecked Sendable {
    private let library: UnsafeMutableRawPointer
    private let functions: CK_FUNCTION_LIST
    private let handle: CK_SESSION_HANDLE
    private let lock = NSLock()
    /// The private key signatures use, once found.
    var key: CK_OBJECT_HANDLE = 0

    private typealias GetFunctionList =
        @convention(c) (
            UnsafeMutablePointer<UnsafeMutablePointer<CK_FUNCTION_LIST>?>?
        ) -> CK_RV

    init(module: String, token: String?, pin: String) throws(SignatureError) {
        guard let library = dlopen(module, RTLD_NOW | RTLD_LOCAL) else {
            throw SignatureError(.unreadableKey, "the PKCS#11 module \(module) cannot be loaded")
        }
        var list: UnsafeMutablePointer<CK_FUNCTION_LIST>?
        guard let symbol = dlsym(library, "C_GetFunctionList"),
            unsafeBitCast(symbol, to: GetFunctionList.self)(&list) == CKR_OK, let functions = list?.pointee,
            let initialize = functions.C_Initialize
        else {
            dlclose(library)
            throw SignatureError(.unreadableKey, "\(module) is not a PKCS#11 module")
        }
        let initialized = initialize(nil)
        guard initialized == CKR_OK || initialized == CKR_CRYPTOKI_ALREADY_INITIALIZED else {
            dlclose(library)
            throw SignatureError(.unreadableKey, "the PKCS#11 module did not start (CKR \(initialized))")
        }
        self.library = library
        self.functions = functions
        var opened: CK_SESSION_HANDLE = 0
        do throws(SignatureError) {
            let slot = try Self.slot(labelled: token, functions)
            guard functions.C_OpenSession?(slot, CK_FLAGS(CKF_SERIAL_SESSION), nil, nil, &opened) == CKR_OK else {
                throw SignatureError(.unreadableKey, "no session on the token")
            }
        } catch {
            dlclose(library)  // not yet fully initialised: no deinit
            throw error
        }
        handle = opened
        var pinBytes = Array(pin.utf8)
        let login = functions.C_Login?(opened, CK_USER_TYPE(CKU_USER), &pinBytes, CK_ULONG(pinBytes.count))
        guard login == CKR_OK || login == CKR_USER_ALREADY_LOGGED_IN else {
            // deinit closes the session and the module.
            throw SignatureError(.unreadableKey, "the token refused the PIN")
        }
    }

    deinit {
        _ = functions.C_Logout?(handle)
        _ = functions.C_CloseSession?(handle)
        dlclose(library)
    }

    /// The slot of the token with a label, or of the first token.
    private static func slot(
        labelled label: String?,
        _ functions: CK_FUNCTION_LIST
    ) throws(SignatureError)
        -> CK_SLOT_ID
    {
        var count: CK_ULONG = 0
        guard functions.C_GetSlotList?(CK_BBOOL(CK_TRUE), nil, &count) == CKR_OK, count > 0 else {
            throw SignatureError(.unreadableKey, "no PKCS#11 token is present")
        }
        var slots = [CK_SLOT_ID](repeating: 0, count: Int(count))
        guard functions.C_GetSlotList?(CK_BBOOL(CK_TRUE), &slots, &count) == CKR_OK else {
            throw SignatureError(.unreadableKey, "the PKCS#11 slots cannot be listed")
        }
        for slot in slots.prefix(Int(count)) {
            guard let label else { return slot }
            var info = CK_TOKEN_INFO()
            guard functions.C_GetTokenInfo?(slot, &info) == CKR_OK else { continue }
            let padded = withUnsafeBytes(of: info.label) { String(decoding: $0, as: UTF8.self) }
            if padded.trimmingCharacters(in: .whitespaces) == label { return slot }
        }
        throw SignatureError(.unreadableKey, "no PKCS#11 token labelled \(label ?? "")")
    }

    /// The one object of a class with a label or an ID (any when both are `nil`).
    func find(
        class objectClass: CK_OBJECT_CLASS,
        label: String? = nil,
        id: [UInt8]? = nil,
        what: String
    )
        throws(SignatureError) -> CK_OBJECT_HANDLE
    {
        var values = [(CK_ATTRIBUTE_TYPE(CKA_CLASS), withUnsafeBytes(of: objectClass) { Array($0) })]
        if let label { values.append((CK_ATTRIBUTE_TYPE(CKA_LABEL), Array(label.utf8))) }
        if let id { values.append((CK_ATTRIBUTE_TYPE(CKA_ID), id)) }
        // The template points into buffers that live until the search ends.
        let buffers = values.map { value in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, value.1.count), alignment: 16)
            buffer.copyBytes(from: value.1)
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        var template = zip(values, buffers).map { value, buffer in
            CK_ATTRIBUTE(type: value.0, pValue: buffer.baseAddress, ulValueLen: CK_ULONG(value.1.count))
        }
        lock.lock()
        defer { lock.unlock() }
        var found: [CK_OBJECT_HANDLE] = []
        if functions.C_FindObjectsInit?(handle, &template, CK_ULONG(template.count)) == CKR_OK {
            var objects = [CK_OBJECT_HANDLE](repeating: 0, count: 2)
            var count: CK_ULONG = 0
            if functions.C_FindObjects?(handle, &objects, 2, &count) == CKR_OK {
                found = Array(objects.prefix(Int(count)))
            }
            _ = functions.C_FindObjectsFinal?(handle)
        }
        guard found.count == 1 else {
            let problem = found.isEmpty ? "no" : "more than one"
            throw SignatureError(
                .unreadableKey,
                "the token holds \(problem) \(what)\(label.map { " labelled \($0)" } ?? "")"
            )
        }
        return found[0]
    }

    /// The bytes of an object's attribute.
    func attribute(_ type: CK_ULONG, of object: CK_OBJECT_HANDLE) throws(SignatureError) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        var query = CK_ATTRIBUTE(type: CK_ATTRIBUTE_TYPE(type), pValue: nil, ulValueLen: 0)
        guard functions.C_GetAttributeValue?(handle, object, &query, 1) == CKR_OK,
            query.ulValueLen != CK_ULONG.max
        else { throw SignatureError(.unreadableKey, "a token object's attribute cannot be read") }
        var value = [UInt8](repeating: 0, count: Int(query.ulValueLen))
        let read = value.withUnsafeMutableBytes { buffer -> CK_RV in
            query.pValue = buffer.baseAddress
            return functions.C_GetAttributeValue?(handle, object, &query, 1) ?? CK_RV(CKR_FUNCTION_FAILED)
        }
        guard read == CKR_OK else { throw SignatureError(.unreadableKey, "a token object's attribute cannot be read") }
        return Array(value.prefix(Int(query.ulValueLen)))
    }

    /// Signs on the token with `CKM_SHA256_RSA_PKCS` (the token hashes).
    func signSHA256(_ data: [UInt8]) throws(SignatureError) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        var input = data
        var mechanism = CK_MECHANISM(
            mechanism: CK_MECHANISM_TYPE(CKM_SHA256_RSA_PKCS),
            pParameter: nil,
            ulParameterLen: 0
        )
        guard functions.C_SignInit?(handle, &mechanism, key) == CKR_OK else {
            throw SignatureError(.signingFailed, "the token cannot sign RSA-SHA256 with the key")
        }
        var length: CK_ULONG = 0
        guard functions.C_Sign?(handle, &input, CK_ULONG(input.count), nil, &length) == CKR_OK else {
            throw SignatureError(.signingFailed, "the token did not sign")
        }
        var signature = [UInt8](repeating: 0, count: Int(length))
        guard functions.C_Sign?(handle, &input, CK_ULONG(input.count), &signature, &length) == CKR_OK else {
            throw SignatureError(.signingFailed, "the token did not sign")
        }
        return Array(signature.prefix(Int(length)))
    }
}
