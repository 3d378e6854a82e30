#ifndef OTVERIFY_CMPFR_SHIM_H
#define OTVERIFY_CMPFR_SHIM_H

#include <gmp.h>
#include <mpfr.h>

#endif
