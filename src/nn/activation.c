/* activation.c - ReLU and tanh; backward uses the saved output. */
#include "scorer/layers.h"
#include <math.h>

void relu_forward(const float *x, float *y, int n) {
    /* x, y: (n,) */
    /* written so a NaN passes through (as max(x, 0) does in JAX): divergence must be seen */
    for (int i = 0; i < n; i++) y[i] = x[i] < 0.0f ? 0.0f : x[i];
}
void relu_backward(const float *y, const float *dy, float *dx, int n) {
    /* y (the forward output), dy, dx: (n,) */
    for (int i = 0; i < n; i++) dx[i] = y[i] > 0.0f ? dy[i] : 0.0f;
}
void tanh_forward(const float *x, float *y, int n) {
    /* x, y: (n,) */
    for (int i = 0; i < n; i++) y[i] = tanhf(x[i]);
}
void tanh_backward(const float *y, const float *dy, float *dx, int n) {
    /* y (the forward output), dy, dx: (n,) */
    for (int i = 0; i < n; i++) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
}
