/* test_nn.c - finite-difference gradient checks for every layer, composite nets and losses;
 * Adam and clipping against a double-precision reference; orthogonal init; frozen nets. */
#include "check.h"
#include <stdint.h>
#include "scorer/net.h"
#include "scorer/layers.h"
#include "scorer/matmul.h"
#include "scorer/loss.h"
#include "scorer/adam.h"
#include "scorer/init.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static Rng rng;

static void fill(float *x, int n, float lo, float hi) {
    for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * rng_uniformf(&rng);
}

/* L = sum_i c_i y_i over the net's output, in double */
static double net_objective(Net *net, const float *p, const float *x, const float *c, int B) {
    net_params_changed(net); /* the finite differences change p in place */
    const float *y = net_forward(net, p, x, B);
    double s = 0.0;
    for (int i = 0; i < B * net->out_dim; i++) s += (double)c[i] * y[i];
    return s;
}

static int grad_close(double a, double n) {
    return fabs(a - n) <= 2e-2 * fmax(fabs(a), fabs(n)) + 2e-3;
}

/* Checks d(sum c*y)/d(params) and d/dx of a net by central differences. */
static int cache_transposes; /* 1: the net keeps transposed weights (and fuses Dense + ReLU) */
static void gradcheck_net(Net *net, const char *name, int B, float xlo, float xhi) {
    int P = (int)net->nparams, I = B * net->in_dim, O = B * net->out_dim;
    float *p = malloc(sizeof(float) * (P + 1)), *gp = malloc(sizeof(float) * (P + 1));
    float *x = malloc(sizeof(float) * I), *gx = malloc(sizeof(float) * I), *c = malloc(sizeof(float) * O);
    net_alloc(net, B);
    if (cache_transposes) net_cache_transposes(net);
    net_init_params(net, p, &rng);
    for (int i = 0; i < P; i++) p[i] += 0.1f * (rng_uniformf(&rng) - 0.5f); /* biases, LN params off their init */
    fill(x, I, xlo, xhi);
    fill(c, O, -1.0f, 1.0f);
    net_forward(net, p, x, B);
    net_backward(net, p, c, gx, gp, B);
    int bad = 0;
    const float h = 1e-3f;
    for (int i = 0; i < P; i++) {
        float keep = p[i];
        p[i] = keep + h; double lp = net_objective(net, p, x, c, B);
        p[i] = keep - h; double lm = net_objective(net, p, x, c, B);
        p[i] = keep;
        double num = (lp - lm) / (2.0 * h);
        if (!grad_close(gp[i], num)) {
            if (bad++ < 3) fprintf(stderr, "%s: dparam[%d] analytic %g numeric %g\n", name, i, gp[i], num);
        }
    }
    for (int i = 0; i < I; i++) {
        float keep = x[i];
        x[i] = keep + h; double lp = net_objective(net, p, x, c, B);
        x[i] = keep - h; double lm = net_objective(net, p, x, c, B);
        x[i] = keep;
        double num = (lp - lm) / (2.0 * h);
        if (!grad_close(gx[i], num)) {
            if (bad++ < 6) fprintf(stderr, "%s: dx[%d] analytic %g numeric %g\n", name, i, gx[i], num);
        }
    }
    CHECK(bad == 0, "%s: %d gradient entries disagree with finite differences", name, bad);

    /* frozen pass-through: no parameter gradients requested -> same dx, gradient buffer untouched */
    float *gx2 = malloc(sizeof(float) * I);
    for (int i = 0; i < P; i++) gp[i] = 12345.0f;
    net_forward(net, p, x, B);
    net_backward(net, p, c, gx2, NULL, B);
    int same = 1;
    for (int i = 0; i < I; i++) same &= gx2[i] == gx[i];
    int untouched = 1;
    for (int i = 0; i < P; i++) untouched &= gp[i] == 12345.0f;
    CHECK(same && untouched, "%s: frozen backward must give the same dx and leave grads alone", name);
    free(p); free(gp); free(x); free(gx); free(gx2); free(c);
    net_free(net);
}

static void test_layers(void) {
    Net n;
    net_begin(&n, 7, INIT_ORTHOGONAL); net_add(&n, LAYER_DENSE, 3, 1.0f);
    gradcheck_net(&n, "dense", 5, -1, 1);
    net_begin(&n, 6, INIT_ORTHOGONAL); net_add(&n, LAYER_DENSE, 9, 1.4f); net_add(&n, LAYER_RELU, 0, 0);
    net_add(&n, LAYER_DENSE, 4, 1.0f);
    gradcheck_net(&n, "dense-relu-dense", 4, -1, 1);
    net_begin(&n, 6, INIT_ORTHOGONAL); net_add(&n, LAYER_DENSE, 9, 1.4f); net_add(&n, LAYER_TANH, 0, 0);
    net_add(&n, LAYER_DENSE, 4, 1.0f);
    gradcheck_net(&n, "dense-tanh-dense", 4, -1, 1);
    net_begin(&n, 8, INIT_ORTHOGONAL); net_add(&n, LAYER_L1NORM, 0, 0);
    gradcheck_net(&n, "l1norm", 3, -2, 2);
    net_begin(&n, 8, INIT_ORTHOGONAL); net_add(&n, LAYER_LAYERNORM, 0, 0);
    gradcheck_net(&n, "layernorm", 3, -2, 2);
    gradcheck_net(&n, "layernorm, a block of 16 rows and one", 17, -2, 2);
    /* the classic-control SCORER encoder and Q-network */
    net_begin(&n, 4, INIT_ORTHOGONAL); net_add(&n, LAYER_DENSE, 16, 1.41421356f); net_add(&n, LAYER_RELU, 0, 0);
    net_add(&n, LAYER_L1NORM, 0, 0);
    gradcheck_net(&n, "encoder dense-relu-l1norm", 6, -1, 1);
    /* the MinAtar encoder: L1Norm(input) first */
    net_begin(&n, 12, INIT_ORTHOGONAL); net_add(&n, LAYER_L1NORM, 0, 0); net_add(&n, LAYER_DENSE, 10, 1.41421356f);
    net_add(&n, LAYER_RELU, 0, 0); net_add(&n, LAYER_DENSE, 10, 1.41421356f); net_add(&n, LAYER_RELU, 0, 0);
    net_add(&n, LAYER_L1NORM, 0, 0);
    gradcheck_net(&n, "minatar encoder", 3, 0, 1);
    /* the PQN encoder: Dense - LayerNorm - ReLU - LayerNorm, LeCun init */
    net_begin(&n, 5, INIT_LECUN_NORMAL); net_add(&n, LAYER_DENSE, 8, 0); net_add(&n, LAYER_LAYERNORM, 0, 0);
    net_add(&n, LAYER_RELU, 0, 0); net_add(&n, LAYER_LAYERNORM, 0, 0);
    gradcheck_net(&n, "pqn encoder", 4, -1, 1);
    gradcheck_net(&n, "pqn encoder, blocks of 16 rows", 40, -1, 1);
    /* layers wide enough for cached transposed weights: Dense + ReLU run fused */
    cache_transposes = 1;
    net_begin(&n, 6, INIT_ORTHOGONAL); net_add(&n, LAYER_DENSE, 16, 1.4f); net_add(&n, LAYER_RELU, 0, 0);
    net_add(&n, LAYER_DENSE, 20, 1.4f); net_add(&n, LAYER_RELU, 0, 0); net_add(&n, LAYER_L1NORM, 0, 0);
    net_add(&n, LAYER_DENSE, 3, 1.0f);
    gradcheck_net(&n, "fused dense-relu (cached transposes)", 5, -1, 1);
    cache_transposes = 0;
}

/* dense_forward against a double-precision reference, for the narrow-output paths (grouped dot
 * products when out divides 16 and in is a multiple of 16, single ones otherwise), the wide ones, and
 * (600 x 256, more weights than the cached transpose holds) the OpenBLAS sgemm path */
static void test_dense_forward_paths(void) {
    const int outs[] = {1, 2, 3, 4, 8, 15, 16, 40, 256}, ins[] = {32, 20, 64, 600};
    int bad = 0, cases = 0;
    for (int a = 0; a < 9; a++)
        for (int c = 0; c < 4; c++) {
            if ((outs[a] == 256) != (ins[c] == 600)) continue; /* the large shape once */
            const int B = 11, in = ins[c], out = outs[a];
            float *x = malloc(sizeof(float) * B * in), *w = malloc(sizeof(float) * out * in);
            float *b = malloc(sizeof(float) * out), *y = malloc(sizeof(float) * B * out);
            fill(x, B * in, -1, 1); fill(w, out * in, -1, 1); fill(b, out, -1, 1);
            dense_forward(x, w, b, y, B, in, out);
            for (int i = 0; i < B; i++)
                for (int j = 0; j < out; j++) {
                    double r = b[j];
                    for (int k = 0; k < in; k++) r += (double)x[i * in + k] * w[j * in + k];
                    bad += fabs(y[i * out + j] - r) > 1e-5 * (1.0 + fabs(r));
                }
            cases++;
            free(x); free(w); free(b); free(y);
        }
    CHECK(bad == 0, "dense_forward: %d entries off over %d shapes", bad, cases);
}

/* matmul_transpose: 8 x 8 register blocks in tiles of 64 x 16, plus the ragged edges */
static void test_transpose(void) {
    const int shapes[][2] = {{8, 8}, {64, 64}, {19, 27}, {64, 4}, {3, 5}, {130, 1003}, {1000, 128}, {72, 40}};
    int bad = 0;
    for (int k = 0; k < 8; k++) {
        const int R = shapes[k][0], C = shapes[k][1];
        float *x = malloc(sizeof(float) * R * C), *xt = malloc(sizeof(float) * R * C);
        fill(x, R * C, -1, 1);
        matmul_transpose(x, xt, R, C);
        for (int i = 0; i < R; i++)
            for (int j = 0; j < C; j++) bad += xt[j * R + i] != x[i * C + j];
        free(x);
        free(xt);
    }
    CHECK(bad == 0, "matmul_transpose: %d misplaced entries", bad);
}

/* The fused Dense + ReLU pass (nets with cached transposes) gives exactly the separate layers' output. */
static void test_fused_dense_relu(void) {
    enum { B = 11, IN = 7, H = 40 };
    Net a, b;
    for (int k = 0; k < 2; k++) {
        Net *n = k ? &b : &a;
        net_begin(n, IN, INIT_ORTHOGONAL); net_add(n, LAYER_DENSE, H, 1.4f); net_add(n, LAYER_RELU, 0, 0);
        net_add(n, LAYER_DENSE, H, 1.4f); net_add(n, LAYER_RELU, 0, 0);
        net_alloc(n, B);
    }
    net_cache_transposes(&b);
    float *p = malloc(sizeof(float) * a.nparams), x[B * IN];
    net_init_params(&a, p, &rng);
    for (size_t i = 0; i < a.nparams; i++) p[i] += 0.1f * (rng_uniformf(&rng) - 0.5f);
    fill(x, B * IN, -1, 1);
    x[3] = NAN; /* row 0's outputs turn NaN and must stay NaN through the ReLU */
    const float *ya = net_forward(&a, p, x, B), *yb = net_forward(&b, p, x, B);
    int same = 1, zeros = 0;
    for (int i = 0; i < B * H; i++) {
        same &= memcmp(&ya[i], &yb[i], sizeof(float)) == 0;
        zeros += yb[i] == 0.0f;
    }
    CHECK(same && zeros > 0 && isnan(yb[0]), "fused Dense+ReLU equals the separate layers bit for bit (%d zeros)", zeros);
    free(p);
    net_free(&a);
    net_free(&b);
}

/* Mostly-zero inputs (MinAtar's observations): the sparse paths skip the zeros and must give the
 * dense kernels' bits, forward (with and without the fused ReLU) and for the weight gradient. */
static void test_sparse_inputs(void) {
    /* B = 80 with 1000 inputs: more rows than the weight gradient's transpose holds (row by row) */
    const int ins[] = {64, 100, 400, 1000}, outs[] = {128, 40, 16}, Bs[] = {1, 7, 64, 80};
    int bad_y = 0, bad_relu = 0, bad_dw = 0, not_sparse = 0, cases = 0;
    for (int a = 0; a < 4; a++)
        for (int o = 0; o < 3; o++)
            for (int c = 0; c < 4; c++) {
                const int in = ins[a], out = outs[o], B = Bs[c];
                float *x = calloc((size_t)B * in, sizeof(float)), *w = malloc(sizeof(float) * out * in);
                float *wt = malloc(sizeof(float) * out * in), *b = malloc(sizeof(float) * out);
                float *dy = malloc(sizeof(float) * B * out), *y1 = malloc(sizeof(float) * B * out);
                float *y2 = malloc(sizeof(float) * B * out), *dw1 = malloc(sizeof(float) * out * in);
                float *dw2 = malloc(sizeof(float) * out * in);
                /* at most 6% nonzero, at random places (binary observations), or 30% (ReLU'd latents) */
                const int pct = cases % 3 == 2 ? 30 : 6;
                for (int r = B > 1; r < B; r++) { /* row 0 all zeros when there are others */
                    const float v = 0.5f + rng_uniformf(&rng); /* an L1Norm'd binary row: one value, or any */
                    for (int t = 0; t < in * pct / 100; t++)
                        x[r * in + (int)rng_below(&rng, (uint32_t)in)] = (cases & 1) ? v : rng_uniformf(&rng) - 0.5f;
                }
                fill(w, out * in, -1, 1); fill(b, out, -1, 1); fill(dy, B * out, -1, 1);
                matmul_transpose(w, wt, out, in);
                not_sparse += !dense_input_sparse(x, B, in, DENSE_SPARSE_DW);
                dense_forward_t(x, wt, b, y1, B, in, out);
                dense_forward_sparse_t(x, wt, b, y2, B, in, out, 0);
                bad_y += memcmp(y1, y2, sizeof(float) * B * out) != 0;
                dense_relu_forward_t(x, wt, b, y1, B, in, out);
                dense_forward_sparse_t(x, wt, b, y2, B, in, out, 1);
                bad_relu += memcmp(y1, y2, sizeof(float) * B * out) != 0;
                dense_backward(x, w, dy, NULL, dw1, NULL, B, in, out);
                fill(dw2, out * in, -1, 1); /* overwritten */
                dense_backward_sparse_dw(x, dy, dw2, B, in, out);
                bad_dw += memcmp(dw1, dw2, sizeof(float) * out * in) != 0;
                cases++;
                free(x); free(w); free(wt); free(b); free(dy); free(y1); free(y2); free(dw1); free(dw2);
            }
    CHECK(bad_y == 0 && bad_relu == 0, "sparse forward = dense bit for bit: %d and %d (ReLU) of %d shapes differ", bad_y,
          bad_relu, cases);
    CHECK(bad_dw == 0, "sparse weight gradient = dense bit for bit: %d of %d shapes differ", bad_dw, cases);
    CHECK(not_sparse == 0, "6%% and 30%% nonzeros count as sparse for the weight gradient (%d shapes did not)",
          not_sparse);
    /* when it is not worth it: a quarter nonzero, or too few inputs */
    float x[4 * 64] = {0};
    for (int i = 0; i < 4 * 64; i += 4) x[i] = 1.0f;
    CHECK(!dense_input_sparse(x, 4, 64, DENSE_SPARSE_FORWARD) && !dense_input_sparse(x, 8, 32, 2),
          "dense_input_sparse: 1 in 4 nonzero (limit 1 in 5), or in < 64: no");
    CHECK(dense_input_sparse(x, 4, 64, 4), "dense_input_sparse: 1 in 4 nonzero (limit 1 in 4): yes");
    for (int i = 0; i < 4 * 64; i += 4) x[i] = i % 32 ? 0.0f : 1.0f;
    CHECK(dense_input_sparse(x, 4, 64, DENSE_SPARSE_DW), "dense_input_sparse: 1 in 32 nonzero: yes");
    { /* wider than the sparse buffers: the same bits through the dense kernels */
        enum { WB = 2, WIN = 5000, WOUT = 16 };
        float *x5 = calloc(WB * WIN, sizeof(float)), *w5 = malloc(sizeof(float) * WOUT * WIN);
        float *wt5 = malloc(sizeof(float) * WOUT * WIN), *b5 = calloc(WOUT, sizeof(float));
        float *y5 = malloc(sizeof(float) * WB * WOUT), *z5 = malloc(sizeof(float) * WB * WOUT);
        float *dy5 = malloc(sizeof(float) * WB * WOUT), *g5 = malloc(sizeof(float) * WOUT * WIN);
        float *h5 = malloc(sizeof(float) * WOUT * WIN);
        fill(w5, WOUT * WIN, -1, 1); fill(dy5, WB * WOUT, -1, 1);
        for (int i = 0; i < WB * WIN; i += i < WIN ? 1 : 37) x5[i] = 1.0f; /* row 0: all 5000 set */
        matmul_transpose(w5, wt5, WOUT, WIN);
        dense_forward_t(x5, wt5, b5, y5, WB, WIN, WOUT);
        dense_forward_sparse_t(x5, wt5, b5, z5, WB, WIN, WOUT, 0);
        dense_backward(x5, w5, dy5, NULL, g5, NULL, WB, WIN, WOUT);
        dense_backward_sparse_dw(x5, dy5, h5, WB, WIN, WOUT);
        CHECK(!memcmp(y5, z5, sizeof(float) * WB * WOUT) && !memcmp(g5, h5, sizeof(float) * WOUT * WIN),
              "5000 inputs (more than the sparse buffers): the dense kernels' bits");
        free(x5); free(w5); free(wt5); free(b5); free(y5); free(z5); free(dy5); free(g5); free(h5);
    }
    /* a NaN input reaches its row's outputs, as in the dense product */
    enum { IN = 128, OUT = 32 };
    static float xs[2 * IN], ws[OUT * IN], wts[OUT * IN], bs[OUT], ys[2 * OUT];
    fill(ws, OUT * IN, -1, 1);
    matmul_transpose(ws, wts, OUT, IN);
    xs[5] = 1.0f; xs[IN + 9] = NAN;
    dense_forward_sparse_t(xs, wts, bs, ys, 2, IN, OUT, 1);
    CHECK(!isnan(ys[0]) && isnan(ys[OUT]) && isnan(ys[2 * OUT - 1]), "sparse forward: a NaN input gives NaN outputs");
}

/* Binary rows given as the indices of their ones (net_forward_rows) against the same rows dense
 * (net_forward): the same output and parameter gradients bit for bit, at every density the kernels
 * choose between (sparse; forward sparse and gradient dense; both dense), with empty rows, after
 * another dense forward, for plans with and without the input L1Norm (MinAtar's DQN and PQN encoders)
 * and with and without a fused ReLU, and below 64 inputs. */
static void test_rows_input(void) {
    enum { B = 12 };
    const int dims[] = {400, 100, 40};
    const double dens[] = {0.04, 0.19, 0.5}; /* with two empty rows: 3%, 16%, 42% */
    int bad_y = 0, bad_g = 0, cases = 0, accepted = 0;
    for (int d = 0; d < 3; d++)
        for (int plan = 0; plan < 5; plan++)
            for (int k = 0; k < 3; k++) {
                const int D = dims[d];
                Net n;
                net_begin(&n, D, plan < 3 ? INIT_ORTHOGONAL : INIT_LECUN_NORMAL);
                if (plan < 3) net_add(&n, LAYER_L1NORM, 0, 0);
                net_add(&n, LAYER_DENSE, 32, 1.4f);
                if (plan < 2 || plan == 4) {
                    net_add(&n, plan == 1 ? LAYER_TANH : LAYER_RELU, 0, 0);
                    net_add(&n, LAYER_DENSE, 16, 1.4f);
                    net_add(&n, LAYER_RELU, 0, 0);
                    net_add(&n, LAYER_L1NORM, 0, 0);
                } else if (plan == 3) { /* PQN's encoder */
                    net_add(&n, LAYER_LAYERNORM, 0, 0);
                    net_add(&n, LAYER_RELU, 0, 0);
                    net_add(&n, LAYER_LAYERNORM, 0, 0);
                }
                net_alloc(&n, B);
                net_cache_transposes(&n);
                accepted += net_accepts_rows(&n) == (D >= 64);
                const size_t P = n.nparams, O = (size_t)B * n.out_dim;
                float *p = malloc(sizeof(float) * P), *g1 = malloc(sizeof(float) * P), *g2 = malloc(sizeof(float) * P);
                float *x = calloc((size_t)B * D, sizeof(float)), *y1 = malloc(sizeof(float) * O), *dy = malloc(sizeof(float) * O);
                float *other = malloc(sizeof(float) * (size_t)B * D);
                int off[B + 1], *idx = malloc(sizeof(int) * (size_t)B * D);
                net_init_params(&n, p, &rng);
                for (size_t i = 0; i < P; i++) p[i] += 0.1f * (rng_uniformf(&rng) - 0.5f); /* LayerNorm's too */
                fill(dy, (int)O, -1, 1);
                off[0] = 0;
                for (int r = 0; r < B; r++) { /* rows 0 and 5 empty */
                    for (int j = 0; j < D; j++) x[(size_t)r * D + j] = r % 5 && rng_uniformf(&rng) < dens[k];
                    off[r + 1] = off[r];
                    for (int j = 0; j < D; j++) if (x[(size_t)r * D + j] != 0.0f) idx[off[r + 1]++] = j;
                }
                memcpy(y1, net_forward(&n, p, x, B), sizeof(float) * O);
                net_backward(&n, p, dy, NULL, g1, B);
                fill(other, B * D, 0, 1); /* a dense forward in between must not leave anything behind */
                net_forward(&n, p, other, B);
                SparseRows rows = {off, idx, NULL};
                const float *y2 = net_forward_rows(&n, p, &rows, B);
                bad_y += memcmp(y1, y2, sizeof(float) * O) != 0;
                fill(g2, (int)P, -1, 1);
                net_backward(&n, p, dy, NULL, g2, B);
                bad_g += memcmp(g1, g2, sizeof(float) * P) != 0;
                cases++;
                free(p); free(g1); free(g2); free(x); free(y1); free(dy); free(other); free(idx);
                net_free(&n);
            }
    CHECK(accepted == cases, "net_accepts_rows: %d of %d nets that start Dense or L1Norm, Dense (yes from 64 inputs)",
          accepted, cases);
    CHECK(bad_y == 0, "net_forward_rows = net_forward on the dense rows bit for bit: %d of %d cases differ", bad_y, cases);
    CHECK(bad_g == 0, "parameter gradients after net_forward_rows = after net_forward: %d of %d cases differ", bad_g, cases);
    /* plans it does not serve: another first layer, or no cached transposes */
    Net a, b;
    net_begin(&a, 100, INIT_ORTHOGONAL); net_add(&a, LAYER_LAYERNORM, 0, 0); net_add(&a, LAYER_DENSE, 32, 1.0f);
    net_alloc(&a, 4); net_cache_transposes(&a);
    net_begin(&b, 100, INIT_ORTHOGONAL); net_add(&b, LAYER_L1NORM, 0, 0); net_add(&b, LAYER_DENSE, 32, 1.0f);
    net_alloc(&b, 4);
    CHECK(!net_accepts_rows(&a) && !net_accepts_rows(&b), "net_accepts_rows: not after another first layer, nor without transposes");
    net_free(&a); net_free(&b);
}

/* Without dx, net_backward stops at the lowest layer with parameters (the MinAtar encoder's input
 * L1Norm gets no gradient, nor its Dense layer a dx): the parameter gradients are those of a pass
 * that also computes dx. */
static void test_backward_without_dx(void) {
    enum { B = 9, IN = 100, H = 40, O = 8 };
    Net n;
    net_begin(&n, IN, INIT_ORTHOGONAL);
    net_add(&n, LAYER_L1NORM, 0, 0); net_add(&n, LAYER_DENSE, H, 1.4f); net_add(&n, LAYER_RELU, 0, 0);
    net_add(&n, LAYER_DENSE, O, 1.4f);
    net_alloc(&n, B);
    net_cache_transposes(&n);
    float *p = malloc(sizeof(float) * n.nparams), *g1 = malloc(sizeof(float) * n.nparams);
    float *g2 = malloc(sizeof(float) * n.nparams), x[B * IN] = {0}, dy[B * O], dx[B * IN];
    net_init_params(&n, p, &rng);
    for (int i = 0; i < B * IN; i++) x[i] = rng_uniformf(&rng) < 0.05f;
    fill(dy, B * O, -1, 1);
    net_forward(&n, p, x, B);
    net_backward(&n, p, dy, dx, g1, B);
    net_backward(&n, p, dy, NULL, g2, B);
    CHECK(memcmp(g1, g2, sizeof(float) * n.nparams) == 0, "net_backward without dx: the same parameter gradients");
    free(p); free(g1); free(g2);
    net_free(&n);
}

static void test_l1norm_clamp(void) {
    /* an all-zero row is below eps: y = x / eps and dx = dy / eps */
    float x[4] = {0, 0, 0, 0}, y[4], s[1], dy[4] = {1, -2, 3, 0.5f}, dx[4];
    l1norm_forward(x, y, s, 1, 4);
    l1norm_backward(x, s, dy, dx, 1, 4);
    CHECK(s[0] == L1NORM_EPS && y[0] == 0.0f, "l1norm clamp: scale %g", s[0]);
    CHECK(check_close(dx[1], -2.0 / L1NORM_EPS, 1e-6), "l1norm clamp gradient %g", dx[1]);
    /* a normal row: mean |y| is 1 */
    float x2[4] = {1, -3, 0.5f, 2}, y2[4];
    l1norm_forward(x2, y2, s, 1, 4);
    double m = (fabs(y2[0]) + fabs(y2[1]) + fabs(y2[2]) + fabs(y2[3])) / 4;
    CHECK(check_close(m, 1.0, 1e-6), "l1norm output mean |y| = %g", m);
}

static void test_losses(void) {
    enum { B = 9 };
    float p[B], y[B], dp[B];
    fill(p, B, -2, 2); fill(y, B, -2, 2);
    for (int kind = 0; kind < 2; kind++) {
        float (*f)(const float *, const float *, float *, int) = kind ? loss_error_variance : loss_mse;
        f(p, y, dp, B);
        int bad = 0;
        for (int b = 0; b < B; b++) {
            float keep = p[b], h = 1e-3f;
            p[b] = keep + h; double lp = f(p, y, NULL, B);
            p[b] = keep - h; double lm = f(p, y, NULL, B);
            p[b] = keep;
            if (!grad_close(dp[b], (lp - lm) / (2 * h))) bad++;
        }
        CHECK(bad == 0, "%s gradient: %d entries off", kind ? "variance" : "mse", bad);
    }
    /* hand cases: errors {1, 3}: MSE 5, variance 1; a constant shift has zero variance */
    float pp[2] = {0, 0}, yy[2] = {1, 3};
    CHECK(loss_mse(pp, yy, dp, 2) == 5.0f, "mse hand case");
    CHECK(loss_error_variance(pp, yy, dp, 2) == 1.0f, "variance hand case");
    CHECK(dp[0] == 1.0f && dp[1] == -1.0f, "variance grad hand case: %g %g", dp[0], dp[1]);
    float yc[2] = {5, 5};
    CHECK(loss_error_variance(pp, yc, dp, 2) == 0.0f && dp[0] == 0.0f, "variance of a constant error");
}

static void test_adam(void) {
    enum { N = 6 };
    float p[N], g[N], m[N] = {0}, v[N] = {0};
    double pd[N], md[N] = {0}, vd[N] = {0};
    fill(p, N, -1, 1);
    for (int i = 0; i < N; i++) pd[i] = p[i];
    Adam a;
    adam_init(&a, 0.5f);
    for (int step = 1; step <= 5; step++) {
        double gd[N], nrm = 0;
        fill(g, N, -3, 3);
        for (int i = 0; i < N; i++) { gd[i] = g[i]; nrm += gd[i] * gd[i]; }
        nrm = sqrt(nrm);
        double sc = nrm > 0.5 ? 0.5 / nrm : 1.0, lr = 0.01 * step;
        double got = adam_step(&a, p, g, m, v, N, (float)lr);
        CHECK(check_close(got, nrm, 1e-6), "adam returns the pre-clip norm");
        CHECK(check_close(adam_global_norm(g, N), fmin(nrm, 0.5), 1e-5), "clipped norm %g", adam_global_norm(g, N));
        for (int i = 0; i < N; i++) {
            double gi = gd[i] * sc;
            md[i] = 0.9 * md[i] + 0.1 * gi;
            vd[i] = 0.999 * vd[i] + 0.001 * gi * gi;
            pd[i] -= lr * (md[i] / (1 - pow(0.9, step))) / (sqrt(vd[i] / (1 - pow(0.999, step))) + 1e-8);
        }
    }
    double err = 0;
    for (int i = 0; i < N; i++) err = fmax(err, fabs(pd[i] - p[i]));
    CHECK(err < 1e-5, "adam matches the double reference (max diff %g)", err);
    /* a small gradient is not scaled */
    float g2[2] = {0.1f, 0.2f}, p2[2] = {0, 0}, m2[2] = {0}, v2[2] = {0};
    adam_step(&a, p2, g2, m2, v2, 2, 1.0f);
    CHECK(g2[0] == 0.1f && g2[1] == 0.2f, "gradient under the clip norm is untouched");
    /* a non-finite gradient is reported and nothing changes */
    float g3[2] = {NAN, 1}, p3[2] = {7, 7};
    double n3 = adam_step(&a, p3, g3, m2, v2, 2, 1.0f);
    CHECK(!isfinite(n3) && p3[0] == 7 && p3[1] == 7, "non-finite gradient leaves params alone");
}

/* Rectified Adam against a plain double-precision reading of optax.chain(clip_by_global_norm(0.5),
 * radam(lr)): twelve steps, the first five before rho_t reaches 5 (momentum only), the rest rectified;
 * some gradients above the clip norm, some below. */
static void test_radam(void) {
    enum { N = 37, STEPS = 12 }; /* 37: the vector loop and its scalar tail */
    float p[N], g[N], m[N] = {0}, v[N] = {0};
    double pd[N], md[N] = {0}, vd[N] = {0};
    fill(p, N, -1, 1);
    for (int i = 0; i < N; i++) pd[i] = p[i];
    Adam a;
    adam_init(&a, 0.5f);
    int momentum_only = 0, clipped = 0;
    double err = 0;
    for (int step = 1; step <= STEPS; step++) {
        double gd[N], nrm = 0;
        const float size = step % 3 == 0 ? 0.01f : 3.0f; /* every third gradient is under the clip norm */
        fill(g, N, -size, size);
        for (int i = 0; i < N; i++) { gd[i] = g[i]; nrm += gd[i] * gd[i]; }
        nrm = sqrt(nrm);
        const double sc = nrm > 0.5 ? 0.5 / nrm : 1.0, lr = 0.01 * step;
        clipped += nrm > 0.5;
        double got = adam_radam_step(&a, p, g, m, v, N, (float)lr);
        CHECK(check_close(got, nrm, 1e-6), "radam returns the pre-clip norm");
        CHECK(a.t == step, "radam counts its steps (%ld)", a.t);
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8, rho_inf = 2 / (1 - b2) - 1;
        const double rho = rho_inf - 2 * step * pow(b2, step) / (1 - pow(b2, step));
        const double r = sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho));
        momentum_only += rho < 5;
        for (int i = 0; i < N; i++) {
            const double gi = gd[i] * sc;
            CHECK(check_close(g[i], gi, 1e-6), "radam leaves the clipped gradient in grads");
            md[i] = b1 * md[i] + (1 - b1) * gi;
            vd[i] = b2 * vd[i] + (1 - b2) * gi * gi;
            const double mhat = md[i] / (1 - pow(b1, step)), vhat = vd[i] / (1 - pow(b2, step));
            pd[i] -= lr * (rho >= 5 ? r * mhat / (sqrt(vhat) + eps) : mhat);
        }
        for (int i = 0; i < N; i++) err = fmax(err, fabs(pd[i] - p[i]));
    }
    CHECK(momentum_only == 5, "rho_t < 5 for the first five steps only (%d)", momentum_only);
    CHECK(clipped == 8, "eight of the twelve gradients were clipped (%d)", clipped);
    CHECK(err < 1e-5, "radam matches the double reference (max diff %g)", err);
    /* the first step moves by lr mhat = lr g (no division by sqrt(vhat)), Adam's by lr sign(g) */
    Adam r1, a1;
    adam_init(&r1, 0.0f);
    adam_init(&a1, 0.0f);
    float pr[2] = {0, 0}, pa[2] = {0, 0}, gr[2] = {0.25f, -2}, ga[2] = {0.25f, -2}, mr[2] = {0}, vr[2] = {0}, ma[2] = {0},
          va[2] = {0};
    adam_radam_step(&r1, pr, gr, mr, vr, 2, 0.1f);
    adam_step(&a1, pa, ga, ma, va, 2, 0.1f);
    CHECK(check_close(pr[0], -0.025, 1e-6) && check_close(pr[1], 0.2, 1e-6), "radam's first step: %g %g", pr[0], pr[1]);
    CHECK(check_close(pa[0], -0.1, 1e-6) && check_close(pa[1], 0.1, 1e-6), "adam's first step: %g %g", pa[0], pa[1]);
    /* a non-finite gradient is reported and nothing changes, t included */
    float g3[2] = {1, INFINITY}, p3[2] = {7, 7}, m3[2] = {0}, v3[2] = {0};
    const long t = r1.t;
    double n3 = adam_radam_step(&r1, p3, g3, m3, v3, 2, 1.0f);
    CHECK(!isfinite(n3) && p3[0] == 7 && p3[1] == 7 && m3[0] == 0 && r1.t == t, "non-finite gradient: radam changes nothing");
}

/* Buffers on cache lines (net_alloc_floats, net_sections_alloc): aligned, zeroed, and sizes that
 * cannot be held refused rather than wrapped. */
static void test_alloc_floats(void) {
    const size_t ns[] = {0, 1, 5, 17, 4610};
    int bad = 0;
    for (int i = 0; i < 5; i++) {
        float *p = net_alloc_floats(ns[i]);
        bad += !p || (uintptr_t)p % 64 != 0;
        for (size_t j = 0; p && j < ns[i]; j++) bad += p[j] != 0.0f;
        free(p);
    }
    size_t stride = 0;
    float *mem = net_sections_alloc(5, 4610, &stride);
    bad += !mem || stride != 4624;
    for (int k = 0; mem && k < 5; k++) bad += (uintptr_t)(mem + k * stride) % 64 != 0;
    free(mem);
    CHECK(bad == 0, "net_alloc_floats / net_sections_alloc: 64-byte aligned and zeroed (%d faults)", bad);
    CHECK(net_alloc_floats(SIZE_MAX) == NULL && net_alloc_floats(SIZE_MAX / 4) == NULL &&
              net_sections_alloc(5, SIZE_MAX / 8, &stride) == NULL,
          "sizes past size_t refused (NULL), not wrapped into small allocations");
}

static void test_orthogonal(void) {
    int shapes[3][2] = {{5, 12}, {12, 5}, {8, 8}};
    for (int k = 0; k < 3; k++) {
        int r = shapes[k][0], c = shapes[k][1];
        float *w = malloc(sizeof(float) * r * c);
        init_orthogonal(w, r, c, 2.0f, &rng);
        double err = 0;
        int small = r < c ? r : c;
        for (int i = 0; i < small; i++)
            for (int j = 0; j < small; j++) {
                double d = 0;
                if (r <= c) for (int t = 0; t < c; t++) d += (double)w[i * c + t] * w[j * c + t];
                else for (int t = 0; t < r; t++) d += (double)w[t * c + i] * w[t * c + j];
                err = fmax(err, fabs(d - (i == j ? 4.0 : 0.0)));
            }
        CHECK(err < 1e-5, "orthogonal %dx%d: W W^T = gain^2 I (err %g)", r, c, err);
        free(w);
    }
    Rng a, b;
    float w1[20], w2[20];
    rng_seed(&a, 3, 1); rng_seed(&b, 3, 1);
    init_orthogonal(w1, 4, 5, 1.0f, &a); init_orthogonal(w2, 4, 5, 1.0f, &b);
    CHECK(memcmp(w1, w2, sizeof w1) == 0, "orthogonal init is deterministic per seed");
    float *big = malloc(sizeof(float) * 200 * 50);
    init_lecun_normal(big, 200, 50, &a);
    double s = 0, mx = 0;
    for (int i = 0; i < 200 * 50; i++) { s += (double)big[i] * big[i]; mx = fmax(mx, fabs(big[i])); }
    CHECK(fabs(s / (200 * 50) - 1.0 / 50) < 0.1 / 50, "lecun normal variance %g", s / (200 * 50));
    CHECK(mx <= 2.0 * sqrt(1.0 / 50) / 0.8796 + 1e-6, "lecun normal is truncated at 2 std");
    free(big);
}

static void test_layernorm_blocks(void) {
    /* layernorm_forward and _backward sum the rows of a block side by side: a row's y, statistics and
     * dx must not depend on the other rows of the batch, bit for bit (each row of a batch against the row
     * alone), in full blocks of 16, the rows left over, rows up to 512 wide and beyond (taken 512 columns
     * at a time); and dx is the same without the parameter gradients (a frozen network). dg and db keep
     * their row loop: the gradient checks at B = 17 and 40 in test_layers cover them in blocks. */
    static const int Bs[] = {1, 15, 16, 17, 40, 128}, Ds[] = {1, 7, 64, 100, 128, 512, 600};
    int bad_fwd = 0, bad_bwd = 0, bad_frozen = 0, far = 0, cases = 0;
    for (size_t bi = 0; bi < sizeof Bs / sizeof Bs[0]; bi++)
        for (size_t di = 0; di < sizeof Ds / sizeof Ds[0]; di++) {
            const int B = Bs[bi], D = Ds[di], n = B * D;
            float *x = malloc(sizeof(float) * (7 * n + 4 * D + 4 * B));
            float *dy = x + n, *y1 = dy + n, *y2 = y1 + n, *dx1 = y2 + n, *dx2 = dx1 + n, *dx3 = dx2 + n;
            float *g = dx3 + n, *b = g + D, *dg = b + D, *db = dg + D, *s1 = db + D, *s2 = s1 + 2 * B;
            fill(x, n, -3.0f, 5.0f); /* an offset mean, as after a Dense layer */
            fill(dy, n, -1.0f, 1.0f);
            fill(g, D, 0.5f, 1.5f);
            fill(b, D, -0.5f, 0.5f);
            for (int i = 0; i < B; i++) {
                layernorm_forward(x + i * D, g, b, y1 + i * D, s1 + 2 * i, 1, D);
                layernorm_backward(x + i * D, g, s1 + 2 * i, dy + i * D, dx1 + i * D, NULL, NULL, 1, D);
            }
            layernorm_forward(x, g, b, y2, s2, B, D);
            layernorm_backward(x, g, s2, dy, dx2, dg, db, B, D);
            layernorm_backward(x, g, s2, dy, dx3, NULL, NULL, B, D);
            bad_fwd += memcmp(y1, y2, sizeof(float) * n) != 0 || memcmp(s1, s2, sizeof(float) * 2 * B) != 0;
            bad_bwd += memcmp(dx1, dx2, sizeof(float) * n) != 0;
            bad_frozen += memcmp(dx2, dx3, sizeof(float) * n) != 0;
            for (int i = 0; i < B; i++) { /* and right: y and dx against the formulas in double */
                const float *xi = x + i * D, *dyi = dy + i * D;
                double mu = 0.0, var = 0.0, m1 = 0.0, m2 = 0.0;
                for (int j = 0; j < D; j++) mu += xi[j];
                mu /= D;
                for (int j = 0; j < D; j++) var += (xi[j] - mu) * (xi[j] - mu);
                const double rstd = 1.0 / sqrt(var / D + LAYERNORM_EPS);
                for (int j = 0; j < D; j++) {
                    m1 += (double)dyi[j] * g[j];
                    m2 += (double)dyi[j] * g[j] * (xi[j] - mu) * rstd;
                }
                for (int j = 0; j < D; j++) {
                    const double xh = (xi[j] - mu) * rstd, yr = xh * g[j] + b[j];
                    const double dxr = rstd * (dyi[j] * g[j] - m1 / D - xh * m2 / D);
                    far += fabs(y2[i * D + j] - yr) > 1e-4 * (1.0 + fabs(yr)) || fabs(dx2[i * D + j] - dxr) > 1e-3 * (1.0 + fabs(dxr));
                }
            }
            cases++;
            free(x);
        }
    CHECK(bad_fwd == 0, "layernorm_forward: %d of %d shapes differ from one row at a time", bad_fwd, cases);
    CHECK(bad_bwd == 0, "layernorm_backward: dx differs from one row at a time in %d of %d shapes", bad_bwd, cases);
    CHECK(bad_frozen == 0, "layernorm_backward without dg, db: dx differs in %d of %d shapes", bad_frozen, cases);
    CHECK(far == 0, "layernorm: %d values of y or dx are off the double-precision formulas", far);
}

/* adam_step_mirrored: params, grads and moments bit for bit those of adam_step / adam_radam_step (both of
 * Rectified Adam's branches), and each mirror the transpose of its stepped matrix: ragged band edges (a
 * 37 x 20 matrix), a matrix at the end of the range, ranges between and after. */
static void test_adam_mirrored(void) {
    enum { N = 37 * 20 + 9 + 13 * 24 + 5 };
    static const AdamMirror shape[2] = {{3, 37, 20, NULL}, {3 + 37 * 20 + 6, 13, 24, NULL}};
    float *p1 = malloc(sizeof(float) * 8 * N), *g1 = p1 + N, *m1 = g1 + N, *v1 = m1 + N, *p2 = v1 + N, *g2 = p2 + N,
          *m2 = g2 + N, *v2 = m2 + N;
    float t0[37 * 20], t1[13 * 24];
    int bad = 0, badt = 0;
    for (int radam = 0; radam < 2; radam++) {
        Adam a1, a2;
        adam_init(&a1, 0.5f);
        adam_init(&a2, 0.5f);
        fill(p1, N, -1, 1);
        for (int i = 0; i < N; i++) { p2[i] = p1[i]; m1[i] = m2[i] = v1[i] = v2[i] = 0.0f; }
        AdamMirror mir[2] = {shape[0], shape[1]};
        mir[0].t = t0;
        mir[1].t = t1;
        for (int step = 0; step < 8; step++) { /* Rectified Adam's momentum steps, then rectified ones */
            fill(g1, N, -2, 2);
            for (int i = 0; i < N; i++) g2[i] = g1[i];
            const double n1 = radam ? adam_radam_step(&a1, p1, g1, m1, v1, N, 0.01f) : adam_step(&a1, p1, g1, m1, v1, N, 0.01f);
            const double n2 = adam_step_mirrored(&a2, radam, p2, g2, m2, v2, N, 0.01f, mir, 2);
            bad += n1 != n2 || memcmp(p1, p2, sizeof(float) * N) || memcmp(g1, g2, sizeof(float) * N) ||
                   memcmp(m1, m2, sizeof(float) * N) || memcmp(v1, v2, sizeof(float) * N);
            for (int q = 0; q < 2; q++)
                for (int r = 0; r < mir[q].rows; r++)
                    for (int c = 0; c < mir[q].cols; c++)
                        badt += mir[q].t[c * mir[q].rows + r] != p2[mir[q].off + (size_t)r * mir[q].cols + c];
        }
    }
    CHECK(bad == 0, "adam_step_mirrored: %d steps differ from adam_step / adam_radam_step", bad);
    CHECK(badt == 0, "adam_step_mirrored: %d mirrored values are not the stepped weights", badt);
    free(p1);
}

/* --- misuse of net.h: refused with -1, or (where the workspace would be overrun) an abort naming it ------ */
static Net misuse_net;
static float misuse_params[64], misuse_x[8 * 4], misuse_dy[8 * 2];
static void misuse_make(int max_batch) {
    net_begin(&misuse_net, 4, INIT_ORTHOGONAL);
    net_add(&misuse_net, LAYER_DENSE, 2, 1.0f);
    if (max_batch) net_alloc(&misuse_net, max_batch);
}
static void forward_unallocated(void) { misuse_make(0); net_forward(&misuse_net, misuse_params, misuse_x, 1); }
static void forward_too_many(void) { misuse_make(2); net_forward(&misuse_net, misuse_params, misuse_x, 8); }
static void backward_first(void) { misuse_make(2); net_backward(&misuse_net, misuse_params, misuse_dy, NULL, NULL, 2); }
static void backward_other_rows(void) {
    misuse_make(4);
    net_forward(&misuse_net, misuse_params, misuse_x, 2);
    net_backward(&misuse_net, misuse_params, misuse_dy, NULL, NULL, 4);
}
/* fn in a child process must abort (SIGABRT) with a message on stderr holding want */
static void expect_abort(const char *what, void (*fn)(void), const char *want) {
    char path[] = "/tmp/scorer-abort-XXXXXX";
    const int fd = mkstemp(path);
    CHECK(fd >= 0, "%s: a file for the child's stderr", what);
    if (fd < 0) return;
    fflush(stdout);
    fflush(stderr);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fd, 2);
        fn();
        _exit(0); /* not aborted: the parent says so */
    }
    int st = 0;
    waitpid(pid, &st, 0);
    char msg[600] = "";
    const ssize_t n = pread(fd, msg, sizeof msg - 1, 0);
    msg[n > 0 ? n : 0] = 0;
    close(fd);
    unlink(path);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && strstr(msg, want), "%s: aborts saying '%s' (status %d, '%s')", what, want, st, msg);
}

static void test_misuse(void) {
    Net n;
    net_begin(&n, 4, INIT_ORTHOGONAL);
    CHECK(net_add(&n, LAYER_DENSE, -3, 1.0f) == -1 && net_add(&n, LAYER_DENSE, 0, 1.0f) == -1 && n.n == 0, "a dense width below 1 refused");
    CHECK(net_alloc(&n, 4) == -1, "net_alloc of a net without layers refused");
    net_begin(&n, 0, INIT_ORTHOGONAL);
    CHECK(net_add(&n, LAYER_DENSE, 3, 1.0f) == -1 && net_add(&n, LAYER_RELU, 0, 0.0f) == -1, "in_dim 0: every layer refused");
    net_begin(&n, 4, INIT_ORTHOGONAL);
    CHECK(net_add(&n, LAYER_DENSE, 3, 1.0f) == 0 && net_alloc(&n, 0) == -1 && net_alloc(&n, -2) == -1, "max_batch below 1 refused");
    net_free(&n);
    expect_abort("net_forward before net_alloc", forward_unallocated, "net_forward of 1 rows: the workspace takes 0 to 0");
    expect_abort("net_forward of more rows than max_batch", forward_too_many, "net_forward of 8 rows: the workspace takes 0 to 2");
    expect_abort("net_backward before any forward", backward_first, "net_backward of 2 rows after a forward of 0");
    expect_abort("net_backward of other rows than the forward's", backward_other_rows, "net_backward of 4 rows after a forward of 2");
}

int main(void) {
    rng_seed(&rng, 42, 0);
    test_layers();
    test_fused_dense_relu();
    test_transpose();
    test_dense_forward_paths();
    test_sparse_inputs();
    test_rows_input();
    test_backward_without_dx();
    test_l1norm_clamp();
    test_layernorm_blocks();
    test_losses();
    test_adam();
    test_radam();
    test_adam_mirrored();
    test_alloc_floats();
    test_orthogonal();
    test_misuse();
    return check_done("test_nn");
}
