// The parts of the system OpenSSL libcrypto that ChipCard and ChipChartSignatures use: 2-key
// triple DES, CMS SignedData, X.509, PKCS#12 and RSA signatures. Macros Swift cannot import are wrapped in small inline functions.
#ifndef CHIPCHART_COPENSSL_SHIM_H
#define CHIPCHART_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <stddef.h>
#include <stdint.h>

/// Two-key triple DES (DES-EDE) over whole 8-byte blocks, no padding. `cipher` is DES-EDE-CBC
/// (used with a zero IV) or DES-EDE-ECB, fetched once by the caller; `cbc` says which. With both
/// key halves equal this is single DES. Returns 1 on success.
static inline int chipchart_des_ede(
    const EVP_CIPHER *cipher, const uint8_t *key16, int cbc, int encrypt, const uint8_t *input, size_t length,
    uint8_t *output)
{
    static const uint8_t zero_iv[8] = {0};
    if (length % 8 != 0 || length > (size_t)INT32_MAX) {
        return 0;
    }
    EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new();
    if (context == NULL) {
        return 0;
    }
    if (cipher == NULL) {
        EVP_CIPHER_CTX_free(context);
        return 0;
    }
    int written = 0;
    int final_written = 0;
    int ok = EVP_CipherInit_ex(context, cipher, NULL, key16, cbc ? zero_iv : NULL, encrypt) == 1
        && EVP_CIPHER_CTX_set_padding(context, 0) == 1
        && EVP_CipherUpdate(context, output, &written, input, (int)length) == 1
        && EVP_CipherFinal_ex(context, output + written, &final_written) == 1
        && (size_t)(written + final_written) == length;
    EVP_CIPHER_CTX_free(context);
    return ok ? 1 : 0;
}

/// Frees a stack of certificates and the certificates it holds.
static inline void chipchart_free_certificates(STACK_OF(X509) *certificates)
{
    sk_X509_pop_free(certificates, X509_free);
}

/// The number of certificates on a stack.
static inline int chipchart_certificate_count(const STACK_OF(X509) *certificates)
{
    return sk_X509_num(certificates);
}

/// The certificate at an index of a stack (not retained).
static inline X509 *chipchart_certificate_at(const STACK_OF(X509) *certificates, int index)
{
    return sk_X509_value(certificates, index);
}

/// A new, empty stack of certificates.
static inline STACK_OF(X509) *chipchart_new_certificate_stack(void)
{
    return sk_X509_new_null();
}

/// Pushes a certificate onto a stack without retaining it. Returns the new count, 0 on failure.
static inline int chipchart_push_certificate(STACK_OF(X509) *certificates, X509 *certificate)
{
    return sk_X509_push(certificates, certificate);
}

/// Frees a stack without freeing the certificates it holds.
static inline void chipchart_free_certificate_stack(STACK_OF(X509) *certificates)
{
    sk_X509_free(certificates);
}

/// A new P-256 key pair, or NULL.
static inline EVP_PKEY *chipchart_generate_p256_key(void)
{
    return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

/// The bytes a memory BIO holds; `*contents` points into the BIO. Returns their count.
static inline long chipchart_bio_contents(BIO *bio, const char **contents)
{
    char *pointer = NULL;
    long count = BIO_get_mem_data(bio, &pointer);
    *contents = pointer;
    return count;
}

/// The flags that print a distinguished name as RFC 2253 text ("CN=…,O=…,C=VN") keeping UTF-8
/// characters as they are rather than escaping them.
static inline unsigned long chipchart_rfc2253_utf8_flags(void)
{
    return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
}

#endif
