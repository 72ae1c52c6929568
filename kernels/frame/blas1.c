/* Level-1 entry points: argument checks, strides, then the ISA kernel. */
#include <math.h>

#include "kernels/frame/frame.h"

#define T float
#define X(name) s##name
#include "blas1_tmpl.h"
#undef T
#undef X

#define T double
#define X(name) d##name
#include "blas1_tmpl.h"
#undef T
#undef X
