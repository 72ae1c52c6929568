/* Internal helpers shared by the trainers: the seeded generator and the
 * network's passes over a batch. */
#ifndef LANES_MODELS_INTERNAL_H
#define LANES_MODELS_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* xorshift64*: small, fast and plenty for shuffling and initialisation;
 * a zero seed (an invalid state) maps to a fixed constant. */
static inline uint64_t lanes_rng_seed(unsigned long long seed)
{
    return seed ? (uint64_t)seed : 0x9E3779B97F4A7C15ull;
}

static inline uint64_t lanes_rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

/* uniform in [0, 1) with 53 random bits */
static inline double lanes_rng_uniform(uint64_t *s)
{
    return (double)(lanes_rng_next(s) >> 11) * 0x1p-53;
}

/* standard normal (Box-Muller) */
static inline double lanes_rng_gauss(uint64_t *s)
{
    double u1 = lanes_rng_uniform(s) + 0x1p-53, u2 = lanes_rng_uniform(s);
    return sqrt(-2 * log(u1)) * cos(2 * 3.14159265358979323846 * u2);
}

/* Fisher-Yates */
static inline void lanes_shuffle(size_t *v, size_t n, uint64_t *s)
{
    for (size_t i = n; i > 1; i--) {
        size_t k = (size_t)(lanes_rng_next(s) % i), t = v[i - 1];
        v[i - 1] = v[k];
        v[k] = t;
    }
}


#include "lanes_models.h"

/* Buffers for a batch of up to `rows` rows: the outputs of every layer
 * (act[l], rows x width[l], l >= 1; the last holds the logits, then the
 * delta), two deltas, a vector of ones and the integer labels. */
struct lanes_net_ws {
    size_t rows;
    float *buf, *act[LANES_NET_MAX_LAYERS + 1], *d0, *d1, *ones;
    int *labels;
};
int lanes_net_ws_init(struct lanes_net_ws *ws, const lanes_net *net, size_t rows);
void lanes_net_ws_free(struct lanes_net_ws *ws);
/* The one list of shape rules: 0, or what is wrong (width[*at] for a bad
 * width).  lanes_net_shape_bad reports it as an argument error (pos is the
 * position of `layers`), the model-file loader as a corrupt file. */
enum {
    LANES_NET_BAD_LAYERS = 1,
    LANES_NET_BAD_WIDTH,
    LANES_NET_BAD_ACT,
    LANES_NET_BAD_LOSS,
    LANES_NET_BAD_OUTPUTS
};
#define LANES_NET_MAX_WIDTH (1u << 24)
int lanes_net_shape_fault(size_t layers, const size_t *width, unsigned act, unsigned loss,
                          size_t *at);
int lanes_net_shape_bad(const char *rt, int pos, size_t layers, const size_t *width,
                        lanes_act act, lanes_loss loss);
int lanes_net_bad(const char *rt, const lanes_net *net);
int lanes_net_labels_bad(const char *rt, int pos, const lanes_net *net, size_t n, const float *y);
/* A network with zeroed parameters of the given (checked) shape. */
int lanes_net_alloc(lanes_net *net, size_t layers, const size_t *width, lanes_act act,
                    lanes_loss loss);
void lanes_net_forward(const lanes_net *net, size_t nb, const float *x, struct lanes_net_ws *ws);
double lanes_net_output_loss(const lanes_net *net, size_t nb, const float *y, float *z,
                             int *labels, int grad, float scale);
/* Mean loss of the batch (+ L2) and its gradient into grad. */
double lanes_net_batch_grad(const lanes_net *net, size_t nb, const float *x, const float *y,
                            float lambda, float *grad, struct lanes_net_ws *ws);

#endif
