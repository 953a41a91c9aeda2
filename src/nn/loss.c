/* loss.c - MSE (MSBE) and the Bellman-error variance; sums in double for stability. */
#include "scorer/loss.h"

float loss_mse(const float *p, const float *y, float *dp, int B) {
    /* p, y, dp: (B,) -> mean (y - p)^2; dp = dL/dp (NULL: none) */
    double s = 0.0;
    for (int b = 0; b < B; b++) {
        float d = y[b] - p[b];
        s += (double)d * d;
        if (dp) dp[b] = -2.0f / (float)B * d;
    }
    return (float)(s / B);
}

float loss_error_variance(const float *p, const float *y, float *dp, int B) {
    /* p, y, dp: (B,) -> population variance of the errors y - p; dp = dL/dp (NULL: none) */
    double mean = 0.0, s = 0.0;
    for (int b = 0; b < B; b++) mean += (double)(y[b] - p[b]);
    mean /= B;
    for (int b = 0; b < B; b++) {
        double c = (double)(y[b] - p[b]) - mean;
        s += c * c;
        if (dp) dp[b] = (float)(-2.0 / B * c);
    }
    return (float)(s / B);
}
