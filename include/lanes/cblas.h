/* cblas.h shim: with -I<includedir>/lanes (lanes-cblas.pc adds it), a
 * program's unchanged #include <cblas.h> gets lanes' CBLAS interface. */
#include <lanes_cblas.h>
