/* net.c - sequential networks over a flat parameter buffer. */
#include "scorer/net.h"
#include "scorer/layers.h"
#include "scorer/init.h"
#include "scorer/matmul.h"
#include <stdlib.h>
#include <string.h>

void net_begin(Net *net, int in_dim, InitKind init) {
    memset(net, 0, sizeof *net);
    net->in_dim = net->out_dim = in_dim;
    net->init = init;
}

int net_add(Net *net, LayerKind kind, int out, float gain) {
    if (net->n >= NET_MAX_LAYERS) return -1;
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

int net_alloc(Net *net, int max_batch) {
    size_t widest = (size_t)net->in_dim, total = 0;
    for (int i = 0; i < net->n; i++) {
        if ((size_t)net->layer[i].out > widest) widest = (size_t)net->layer[i].out;
        total += (size_t)net->layer[i].out + 2;
    }
    total = total * (size_t)max_batch + 2 * widest * (size_t)max_batch;
    free(net->ws);
    net->ws = calloc(total, sizeof(float));
    if (!net->ws) return -1;
    net->max_batch = max_batch;
    float *p = net->ws;
    for (int i = 0; i < net->n; i++) {
        net->act[i + 1] = p; p += (size_t)net->layer[i].out * max_batch;
        net->aux[i] = p; p += 2 * (size_t)max_batch;
    }
    net->gbuf[0] = p; p += widest * max_batch;
    net->gbuf[1] = p;
    return 0;
}

void net_free(Net *net) {
    free(net->ws);
    free(net->wt);
    net->ws = net->wt = NULL;
}

int net_cache_transposes(Net *net) {
    size_t total = 0;
    for (int i = 0; i < net->n; i++) {
        const Layer *l = &net->layer[i];
        net->wt_off[i] = total;
        if (l->kind == LAYER_DENSE && dense_uses_transpose(l->in, l->out)) total += (size_t)l->in * (size_t)l->out;
    }
    free(net->wt);
    net->wt = total ? malloc(total * sizeof(float)) : NULL;
    net->wt_valid = 0;
    return total && !net->wt ? -1 : 0;
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

void net_init_params(const Net *net, float *params, Rng *rng) {
    for (int i = 0; i < net->n; i++) {
        const Layer *l = &net->layer[i];
        if (l->kind == LAYER_DENSE) {
            if (net->init == INIT_LECUN_NORMAL) init_lecun_normal(params + l->w, l->out, l->in, rng);
            else init_orthogonal(params + l->w, l->out, l->in, l->gain, rng);
            memset(params + l->b, 0, sizeof(float) * (size_t)l->out);
        } else if (l->kind == LAYER_LAYERNORM) {
            for (int j = 0; j < l->in; j++) { params[l->w + j] = 1.0f; params[l->b + j] = 0.0f; }
        }
    }
}

const float *net_forward(Net *net, const float *params, const float *x, int B) {
    /* x: (B, in_dim) -> act[n]: (B, out_dim) */
    net->act[0] = (float *)x;
    if (net->wt) refresh_transposes(net, params);
    for (int i = 0; i < net->n; i++) {
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
            if (cached && dense_input_sparse(in, B, l->in, DENSE_SPARSE_FORWARD)) /* MinAtar's observations */
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

void net_backward(Net *net, const float *params, const float *dy, float *dx, float *dparams, int B) {
    /* dy: (B, out_dim); gradients flow back through gbuf[0]/gbuf[1] alternately */
    const float *g = dy;
    /* without dx, nothing below the lowest layer with parameters needs a gradient (the input L1Norm of
     * the MinAtar encoder: its Dense layer's dx would be a (B, 1000) product thrown away) */
    int lowest = 0;
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
