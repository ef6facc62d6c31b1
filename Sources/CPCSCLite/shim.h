// PC/SC (pcsclite) for ChipCardPCSC: contactless readers on Linux.
#ifndef CHIPCHART_CPCSCLITE_SHIM_H
#define CHIPCHART_CPCSCLITE_SHIM_H

#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#endif
