// The PKCS#11 (Cryptoki) interface of hardware tokens, as p11-kit declares it. Nothing is linked:
// a token's module is loaded at run time with dlopen, and called through its function list.
#ifndef CHIPCHART_CPKCS11_SHIM_H
#define CHIPCHART_CPKCS11_SHIM_H

#include <p11-kit/pkcs11.h>

#endif
