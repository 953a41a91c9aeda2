/* net.h - a sequential network: a plan of layers with parameter offsets into a flat float
 * buffer the caller owns, plus a workspace holding the activations of the last forward.
 * The same Net can run with different parameter buffers (online and target copies). */
#ifndef SCORER_NET_H
#define SCORER_NET_H
#include <stddef.h>
#include "scorer/rng.h"
#include "scorer/layers.h"
#include "scorer/adam.h"

#define NET_MAX_LAYERS 12

typedef enum { LAYER_DENSE, LAYER_RELU, LAYER_TANH, LAYER_L1NORM, LAYER_LAYERNORM } LayerKind;
typedef enum { INIT_ORTHOGONAL = 0, INIT_LECUN_NORMAL = 1 } InitKind;

typedef struct Layer {
    LayerKind kind;
    int in, out;      /* feature widths */
    size_t w, b;      /* parameter offsets: dense weight (out, in) and bias; LayerNorm scale and offset */
    float gain;       /* orthogonal-init gain of a dense layer */
} Layer;

typedef struct Net {
    int n, in_dim, out_dim, max_batch;
    Layer layer[NET_MAX_LAYERS];
    size_t nparams;
    InitKind init;
    float *ws;                         /* one workspace allocation */
    float *act[NET_MAX_LAYERS + 1];    /* act[0] = last input (borrowed), act[i+1] = output of layer i
                                        * (left unwritten for a Dense layer fused with its ReLU) */
    float *aux[NET_MAX_LAYERS];        /* per-row statistics of norm layers: (max_batch, 2) */
    float *gbuf[2];                    /* backward scratch: (max_batch, widest) each */
    /* optional cache of transposed dense weights (net_cache_transposes): valid for the parameter
     * buffer wt_of until the owner calls net_params_changed */
    float *wt;
    size_t wt_off[NET_MAX_LAYERS];
    const float *wt_of;
    int wt_valid;
    /* binary input as index lists (net_forward_rows): the rows of the last forward with their values
     * (1, or the input L1Norm's); rows_val: (max_batch, in_dim), allocated when the plan starts Dense or
     * L1Norm, Dense; rows_x: (max_batch, in_dim), the dense input made for the dense kernels when the
     * plan starts Dense */
    float *rows_val, *rows_x;
    SparseRows rows;
    int rows_in;      /* the last forward was net_forward_rows */
    int fwd_b;        /* the rows of the last forward (0 before any): what backward may take */
    int rows_layer;   /* ... into this Dense layer (0 or 1) */
    int rows_dense;   /* ... and its input is also there as dense rows (act[rows_layer]) */
} Net;

void net_begin(Net *net, int in_dim, InitKind init);
/* Appends a layer: out is the width of a dense layer (ignored by the others); gain for dense.
 * Returns 0, or -1 when the plan is full or a width is below 1 (in_dim of net_begin, or out). */
int net_add(Net *net, LayerKind kind, int out, float gain);
/* Workspace for batches up to max_batch; 0, or -1 (allocation, max_batch or in_dim below 1, no layer).
 * net_forward, net_forward_rows and net_backward abort with a message when called before it, with more
 * rows than max_batch, or (backward) with other rows than the last forward's: programming errors, which
 * would otherwise write past the workspace. The kernels under them (layers.h, matmul.h) keep scratch per
 * thread: one heap block of about 2 MB, allocated on a thread's first call and freed when it exits; when
 * that allocation fails they abort with "out of memory for the network kernels' scratch (N bytes)", as
 * they have no error to return. */
int net_alloc(Net *net, int max_batch);
void net_free(Net *net);
/* n zeroed floats starting on a 64-byte cache line: a vector load that straddles two lines costs two
 * (Adam's loop ran at half speed on sections n floats apart, and calloc only aligns to 16 bytes).
 * NULL when out of memory; free() it. */
float *net_alloc_floats(size_t n);
/* One such allocation of `sections` sections of n floats (parameters, gradients, moments...), each
 * starting on a line: *stride (n rounded up to 16 floats) apart. */
float *net_sections_alloc(int sections, size_t n, size_t *stride);
/* Keep the transposed weights of wide dense layers between forward passes (the products want
 * w^T). The owner must call net_params_changed after changing the parameters in place (an
 * optimiser step, a target sync, a checkpoint load); another buffer is noticed by itself.
 * Returns 0 or -1 (allocation). */
int net_cache_transposes(Net *net);
static inline void net_params_changed(Net *net) { net->wt_valid = 0; }
/* For an optimiser that writes the transposes as it steps (adam_step_mirrored): the cached transposes as
 * mirrors, offsets counted from the start of the stepped range, which holds this net's parameters from
 * `base` on; returns how many (at most NET_MAX_LAYERS). After a step that made them, net_params_stepped
 * marks them current for params instead of net_params_changed. */
int net_mirrors(const Net *net, size_t base, AdamMirror *mir);
void net_params_stepped(Net *net, const float *params);
/* Fresh parameters: orthogonal(gain) or LeCun-normal weights, zero biases, LayerNorm (1, 0). */
int net_init_params(const Net *net, float *params, Rng *rng); /* 0, or -1 out of memory */
/* x: (B, in_dim) -> returns (B, out_dim) inside the workspace; x must stay valid for backward. */
const float *net_forward(Net *net, const float *params, const float *x, int B);
/* Binary input given as the indices of its ones (MinAtar's observations from the replay's bits), for a
 * net that starts Dense, or L1Norm, Dense, of 64 to 4096 inputs, with cached transposes (net_accepts_rows;
 * net_forward_rows itself serves any width): the same bits as
 * net_forward on the dense rows, without making them. x->val is not read; x->off and x->idx must stay
 * valid for backward, which then cannot give dx. */
int net_accepts_rows(const Net *net);
const float *net_forward_rows(Net *net, const float *params, const SparseRows *x, int B);
/* dy: (B, out_dim) -> dx: (B, in_dim) or NULL; dparams: parameter gradients (overwritten) or NULL.
 * Uses the activations of the last net_forward. */
void net_backward(Net *net, const float *params, const float *dy, float *dx, float *dparams, int B);

#endif
