#include "lanes.h"

const char *lanes_version(void)
{
    return LANES_VERSION_STRING;
}
