#ifndef CSQLITE_BASELINE_SHIM_H
#define CSQLITE_BASELINE_SHIM_H

// The system SQLite, called directly: the baseline the store's figures are compared with.
#include <sqlite3.h>

/// SQLITE_TRANSIENT casts -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type csqlite_baseline_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
