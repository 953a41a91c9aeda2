/* loss.h - regression losses on a batch of predictions and their gradients. */
#ifndef SCORER_LOSS_H
#define SCORER_LOSS_H

/* MSE: mean_b (y_b - p_b)^2.  p, y, dp: (B,); dp = dL/dp = -2/B (y - p). Returns the loss. */
float loss_mse(const float *p, const float *y, float *dp, int B);
/* Variance of the error: delta = y - p, mean_b (delta_b - mean(delta))^2.
 * dp_b = -2/B (delta_b - mean(delta)). Returns the loss. */
float loss_error_variance(const float *p, const float *y, float *dp, int B);

#endif
