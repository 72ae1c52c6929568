#ifndef LANES_TOOLS_H
#define LANES_TOOLS_H


int lanes_cmd_demo(int argc, char **argv);

#endif
