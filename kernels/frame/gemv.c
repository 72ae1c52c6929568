/* Level-2 entry points (gemv); the framework is gemv_tmpl.h. */
#include <string.h>

#include "kernels/frame/frame.h"

#define T float
#define X(name) s##name
#include "gemv_tmpl.h"
#undef T
#undef X

#define T double
#define X(name) d##name
#include "gemv_tmpl.h"
#undef T
#undef X
