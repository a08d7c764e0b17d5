#ifndef SLABCHECK_CZ3_SHIM_H
#define SLABCHECK_CZ3_SHIM_H
// Debian's libz3-dev (4.8.12) installs z3.h in /usr/include; Z3 is never vendored.
#include <z3.h>
#endif
