#ifndef LANES_TOOLS_H
#define LANES_TOOLS_H

#include <stddef.h>

#include "lanes_models.h"

int lanes_cmd_demo(int argc, char **argv);
int lanes_cmd_train(int argc, char **argv);
int lanes_cmd_predict(int argc, char **argv);

/* One `lanes train` run, also used by the demo. */
struct lanes_train_args {
    const char *model, *data, *label, *split, *solver, *layers, *act, *optimizer, *out, *loss;
    float lr, lambda;
    size_t epochs, batch, patience; /* (size_t)-1: the model's default */
    unsigned long long seed;
    int threads, standardize, quiet; /* standardize -1: the model's default */
    lanes_model *keep;               /* if set, receives the trained model */
};
struct lanes_train_outcome {
    const char *data;
    size_t train_rows, val_rows, test_rows, epochs, classes;
    int threads;
    double train_loss, seconds, samples_per_second, test_accuracy, test_mse, test_r2;
};
void lanes_train_args_defaults(struct lanes_train_args *a, const char *model);
int lanes_train_run(const struct lanes_train_args *a, struct lanes_train_outcome *out);

#endif
