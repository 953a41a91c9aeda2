/* net.c - sequential networks over a flat parameter buffer. */
#include "scorer/net.h"
#include "scorer/layers.h"
#include "scorer/init.h"
#include "scorer/matmul.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void net_begin(Net *net, int in_dim, InitKind init) {
    memset(net, 0, sizeof *net);
    net->in_dim = net->out_dim = in_dim;
    net->init = init;
}

/* A caller's bug, named where it is caught: the workspace would be written out of bounds. */
#define NET_MISUSE(...) (fprintf(stderr, "%s:%d: ", __FILE__, __LINE__), fprintf(stderr, __VA_ARGS__), fputc('\n', stderr), abort())

int net_add(Net *net, LayerKind kind, int out, float gain) {
    if (net->n >= NET_MAX_LAYERS || net->out_dim < 1 || (kind == LAYER_DENSE && out < 1)) return -1;
    Layer *l = &net->layer[net->n++];
    l->kind = kind;
    l->in = net->out_dim;
    l->out = kind == LAYER_DENSE ? out : l->in;
    l->gain = gain;
    l->w = l->b = net->nparams;
    if (kind == LAYER_DENSE) {
        l->b = l->w + (size_t)l->out * (size_t)l->in;
        net->nparams = l->b + (size_t)l->out;
    } else if (kind == LAYER_LAYERNORM) {
        l->b = l->w + (size_t)l->in;
        net->nparams = l->b + (size_t)l->in;
    }
    net->out_dim = l->out;
    return 0;
}

/* The layer net_forward_rows hands the rows to: the first, a Dense layer (0), or the one after an input
 * L1Norm (1); -1 for other plans. */
static int rows_layer(const Net *net) {
    if (net->n >= 1 && net->layer[0].kind == LAYER_DENSE) return 0;
    return net->n >= 2 && net->layer[0].kind == LAYER_L1NORM && net->layer[1].kind == LAYER_DENSE ? 1 : -1;
}

int net_alloc(Net *net, int max_batch) {
    if (max_batch < 1 || net->in_dim < 1 || net->n < 1) return -1;
    size_t widest = (size_t)net->in_dim, total = 0;
    for (int i = 0; i < net->n; i++) {
        if ((size_t)net->layer[i].out > widest) widest = (size_t)net->layer[i].out;
        total += (size_t)net->layer[i].out + 2;
    }
    const int k = rows_layer(net); /* the rows' values, and for k = 0 a dense input to fall back on */
    if (k >= 0) total += (size_t)net->in_dim * (k == 0 ? 2 : 1);
    total = total * (size_t)max_batch + 2 * widest * (size_t)max_batch;
    free(net->ws);
    net->ws = net_alloc_floats(total);
    if (!net->ws) return -1;
    net->max_batch = max_batch;
    float *p = net->ws;
    for (int i = 0; i < net->n; i++) {
        net->act[i + 1] = p; p += (size_t)net->layer[i].out * max_batch;
        net->aux[i] = p; p += 2 * (size_t)max_batch;
    }
    net->gbuf[0] = p; p += widest * max_batch;
    net->gbuf[1] = p; p += widest * max_batch;
    net->rows_val = k >= 0 ? p : NULL;
    if (k >= 0) p += (size_t)net->in_dim * max_batch;
    net->rows_x = k == 0 ? p : NULL;
    return 0;
}

void net_free(Net *net) {
    free(net->ws);
    free(net->wt);
    net->ws = net->wt = NULL;
}

float *net_alloc_floats(size_t n) {
    if (n > SIZE_MAX / sizeof(float) - 16) return NULL; /* as calloc, which refuses a size it cannot hold */
    const size_t bytes = ((n + 15) / 16 * 16) * sizeof(float); /* a multiple of 64, as aligned_alloc wants */
    float *mem = aligned_alloc(64, bytes > 0 ? bytes : 64);
    if (mem) memset(mem, 0, bytes);
    return mem;
}

float *net_sections_alloc(int sections, size_t n, size_t *stride) {
    *stride = (n + 15) / 16 * 16;
    if (sections < 1 || n > SIZE_MAX / 64 / (size_t)sections) return NULL; /* no size that wraps */
    return net_alloc_floats((size_t)sections * *stride);
}

int net_cache_transposes(Net *net) {
    size_t total = 0;
    for (int i = 0; i < net->n; i++) {
        const Layer *l = &net->layer[i];
        net->wt_off[i] = total;
        if (l->kind == LAYER_DENSE && dense_uses_transpose(l->in, l->out)) total += (size_t)l->in * (size_t)l->out;
    }
    free(net->wt);
    net->wt = total ? net_alloc_floats(total) : NULL;
    net->wt_valid = 0;
    return total && !net->wt ? -1 : 0;
}

int net_mirrors(const Net *net, size_t base, AdamMirror *mir) {
    /* mir: room for NET_MAX_LAYERS; the layers' weights ascend, so the mirrors do */
    int k = 0;
    for (int i = 0; i < net->n && net->wt; i++) {
        const Layer *l = &net->layer[i];
        if (l->kind == LAYER_DENSE && dense_uses_transpose(l->in, l->out))
            mir[k++] = (AdamMirror){base + l->w, l->out, l->in, net->wt + net->wt_off[i]};
    }
    return k;
}

void net_params_stepped(Net *net, const float *params) {
    net->wt_of = params;
    net->wt_valid = net->wt != NULL;
}

/* Rebuilds the transposed weights when the parameters changed since the last forward pass. */
static void refresh_transposes(Net *net, const float *params) {
    if (net->wt_valid && net->wt_of == params) return;
    for (int i = 0; i < net->n; i++) {
        const Layer *l = &net->layer[i];
        if (l->kind == LAYER_DENSE && dense_uses_transpose(l->in, l->out))
            matmul_transpose(params + l->w, net->wt + net->wt_off[i], l->out, l->in);
    }
    net->wt_of = params;
    net->wt_valid = 1;
}

int net_init_params(const Net *net, float *params, Rng *rng) {
    for (int i = 0; i < net->n; i++) {
        const Layer *l = &net->layer[i];
        if (l->kind == LAYER_DENSE) {
            if (net->init == INIT_LECUN_NORMAL) init_lecun_normal(params + l->w, l->out, l->in, rng);
            else if (init_orthogonal(params + l->w, l->out, l->in, l->gain, rng)) return -1;
            memset(params + l->b, 0, sizeof(float) * (size_t)l->out);
        } else if (l->kind == LAYER_LAYERNORM) {
            for (int j = 0; j < l->in; j++) { params[l->w + j] = 1.0f; params[l->b + j] = 0.0f; }
        }
    }
    return 0;
}

/* act[i0]: (B, input width of layer i0) -> layers i0 .. n-1 -> returns the output (B, out_dim). */
static const float *forward_from(Net *net, const float *params, int i0, int B) {
    for (int i = i0; i < net->n; i++) {
        const Layer *l = &net->layer[i];
        const float *in = net->act[i];
        float *out = net->act[i + 1];
        switch (l->kind) {
        case LAYER_DENSE: {
            const int cached = net->wt && dense_uses_transpose(l->in, l->out);
            /* fused with the ReLU after it; the pre-activation act[i+1] is not needed by backward
             * (ReLU's uses its output, the Dense layer its input), so skip it */
            const int relu = cached && i + 1 < net->n && net->layer[i + 1].kind == LAYER_RELU;
            const float *wt = cached ? net->wt + net->wt_off[i] : NULL, *b = params + l->b;
            float *y = relu ? net->act[i + 2] : out;
            /* inputs mostly zeros (ReLU'd latents, binary observations): only the set ones' weight rows */
            if (cached && dense_input_sparse(in, B, l->in, dense_sparse_forward_limit(l->in, l->out)))
                dense_forward_sparse_t(in, wt, b, y, B, l->in, l->out, relu);
            else if (relu) dense_relu_forward_t(in, wt, b, y, B, l->in, l->out);
            else if (cached) dense_forward_t(in, wt, b, y, B, l->in, l->out);
            else dense_forward(in, params + l->w, b, y, B, l->in, l->out);
            i += relu;
            break;
        }
        case LAYER_RELU: relu_forward(in, out, B * l->in); break;
        case LAYER_TANH: tanh_forward(in, out, B * l->in); break;
        case LAYER_L1NORM: l1norm_forward(in, out, net->aux[i], B, l->in); break;
        case LAYER_LAYERNORM:
            layernorm_forward(in, params + l->w, params + l->b, out, net->aux[i], B, l->in);
            break;
        }
    }
    return net->act[net->n];
}

const float *net_forward(Net *net, const float *params, const float *x, int B) {
    /* x: (B, in_dim) -> act[n]: (B, out_dim) */
    if (!net->ws || B < 0 || B > net->max_batch)
        NET_MISUSE("net_forward of %d rows: the workspace takes 0 to %d (net_alloc first, with the largest batch)", B, net->max_batch);
    net->fwd_b = B;
    net->act[0] = (float *)x;
    net->rows_in = 0;
    if (net->wt) refresh_transposes(net, params);
    return forward_from(net, params, 0, B);
}

/* The plan, buffers and cached transposes net_forward_rows needs. */
static int rows_ready(const Net *net) {
    const int k = rows_layer(net);
    return k >= 0 && net->wt && net->rows_val && dense_uses_transpose(net->layer[k].in, net->layer[k].out);
}

int net_accepts_rows(const Net *net) {
    /* and where the sparse kernels may run (64 to 4096 inputs): otherwise the rows would only be made
     * dense again */
    return rows_ready(net) && dense_sparse_count(0, 1, net->in_dim, 1);
}

/* net->rows (B rows of in_dim, as indices) -> (B, in_dim) dense. The Dense layer's input as dense rows,
 * for the dense kernels where the rows are not sparse enough:
 * act[1] (the input L1Norm's output: zeros, +0 as 0 x 1/m, and the rows' values) or, without the
 * L1Norm, the input act[0] (zeros and ones) in rows_x. */
static void rows_to_dense(Net *net, int B) {
    const int D = net->in_dim;
    float *y = net->rows_layer ? net->act[1] : net->rows_x;
    net->act[0] = net->rows_layer ? NULL : net->rows_x;
    memset(y, 0, sizeof(float) * (size_t)B * (size_t)D);
    for (int r = 0; r < B; r++)
        for (int t = net->rows.off[r]; t < net->rows.off[r + 1]; t++) y[(size_t)r * D + net->rows.idx[t]] = net->rows.val[t];
    net->rows_dense = 1;
}

const float *net_forward_rows(Net *net, const float *params, const SparseRows *x, int B) {
    /* x: B binary rows of width in_dim -> act[n]: (B, out_dim) */
    const int D = net->in_dim, k = rows_layer(net);
    if (!rows_ready(net)) NET_MISUSE("net_forward_rows: this net does not take rows (see net_accepts_rows)");
    if (!net->ws || B < 0 || B > net->max_batch)
        NET_MISUSE("net_forward_rows of %d rows: the workspace takes 0 to %d (net_alloc first, with the largest batch)", B, net->max_batch);
    net->fwd_b = B;
    net->act[0] = NULL;
    if (net->wt) refresh_transposes(net, params);
    for (int r = 0; r < B; r++) {
        const int o = x->off[r], p = x->off[r + 1] - o;
        float v = 1.0f;
        if (k == 1) { /* the input L1Norm: a row of p ones has mean |x| = p / D, and l1norm_forward's sum
                       * of ones is p exactly, so each one becomes the same 1 / max(p / D, eps) as there */
            float m = (float)p / (float)D;
            if (m < L1NORM_EPS) m = L1NORM_EPS;
            net->aux[0][r] = m;
            v = 1.0f / m;
        }
        for (int t = 0; t < p; t++) net->rows_val[o + t] = v;
    }
    net->rows = (SparseRows){x->off, x->idx, net->rows_val};
    net->rows_in = 1;
    net->rows_layer = k;
    net->rows_dense = 0;
    const Layer *l = &net->layer[k];
    if (!dense_sparse_count(x->off[B], B, D, DENSE_SPARSE_FORWARD)) { /* the dense kernels, as net_forward */
        rows_to_dense(net, B);
        return forward_from(net, params, k, B);
    }
    const int relu = k + 1 < net->n && net->layer[k + 1].kind == LAYER_RELU;
    dense_forward_rows_t(&net->rows, net->wt + net->wt_off[k], params + l->b, net->act[k + 1 + relu], B, l->out, relu);
    return forward_from(net, params, k + 1 + relu, B);
}

void net_backward(Net *net, const float *params, const float *dy, float *dx, float *dparams, int B) {
    /* dy: (B, out_dim) -> dx: (B, in_dim) or NULL; dparams: (n_params,) overwritten, or NULL; gradients flow back through gbuf[0]/gbuf[1] alternately */
    const float *g = dy;
    /* without dx, nothing below the lowest layer with parameters needs a gradient (the input L1Norm of
     * the MinAtar encoder: its Dense layer's dx would be a (B, 1000) product thrown away) */
    int lowest = 0;
    if (net->rows_in && dx) NET_MISUSE("net_backward: no dx after net_forward_rows (the input gradient needs the dense input)");
    if (B != net->fwd_b || B < 1) /* it reads the last forward's activations */
        NET_MISUSE("net_backward of %d rows after a forward of %d: backward takes the rows of the forward before it", B, net->fwd_b);
    if (!dx) {
        lowest = net->n;
        for (int i = 0; i < net->n && dparams; i++)
            if (net->layer[i].kind == LAYER_DENSE || net->layer[i].kind == LAYER_LAYERNORM) { lowest = i; break; }
    }
    for (int i = net->n - 1; i >= lowest; i--) {
        const Layer *l = &net->layer[i];
        float *gin = i == lowest ? dx : net->gbuf[i & 1]; /* lowest > 0 only without dx: NULL */
        const float *in = net->act[i], *out = net->act[i + 1];
        switch (l->kind) {
        case LAYER_DENSE:
            if (net->rows_in && i == net->rows_layer && !net->rows_dense && dparams) {
                if (dense_sparse_count(net->rows.off[B], B, l->in, DENSE_SPARSE_ROWS_DW)) {
                    dense_backward(NULL, params + l->w, g, NULL, NULL, dparams + l->b, B, l->in, l->out);
                    dense_backward_rows_dw(&net->rows, g, dparams + l->w, B, l->in, l->out);
                    break;
                }
                rows_to_dense(net, B); /* then as after net_forward */
                in = net->act[i];
            }
            if (dparams && dense_uses_transpose(l->in, l->out) && dense_input_sparse(in, B, l->in, DENSE_SPARSE_DW)) {
                dense_backward(in, params + l->w, g, gin, NULL, dparams + l->b, B, l->in, l->out);
                dense_backward_sparse_dw(in, g, dparams + l->w, B, l->in, l->out);
            } else
                dense_backward(in, params + l->w, g, gin, dparams ? dparams + l->w : NULL,
                               dparams ? dparams + l->b : NULL, B, l->in, l->out);
            break;
        case LAYER_RELU: relu_backward(out, g, gin, B * l->in); break;
        case LAYER_TANH: tanh_backward(out, g, gin, B * l->in); break;
        case LAYER_L1NORM: l1norm_backward(in, net->aux[i], g, gin, B, l->in); break;
        case LAYER_LAYERNORM:
            layernorm_backward(in, params + l->w, net->aux[i], g, gin, dparams ? dparams + l->w : NULL,
                               dparams ? dparams + l->b : NULL, B, l->in);
            break;
        }
        g = gin;
    }
}
