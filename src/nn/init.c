/* init.c - orthogonal and LeCun-normal initialisation. */
#include "scorer/init.h"
#include <math.h>
#include <stdlib.h>

int init_orthogonal(float *w, int rows, int cols, float gain, Rng *rng) {
    /* Draw M: (big, small) normal, orthonormalise its columns by modified Gram-Schmidt in
     * double precision (that is QR with a positive diagonal of R, i.e. torch's sign fix),
     * then w = M if rows >= cols else M^T. */
    int big = rows > cols ? rows : cols, small = rows > cols ? cols : rows;
    double *m = malloc(sizeof(double) * (size_t)big * (size_t)small);
    if (!m) return -1;
    for (int i = 0; i < big * small; i++) m[i] = rng_normal(rng);
    for (int j = 0; j < small; j++) {
        for (int k = 0; k < j; k++) {
            double d = 0.0;
            for (int i = 0; i < big; i++) d += m[i * small + j] * m[i * small + k];
            for (int i = 0; i < big; i++) m[i * small + j] -= d * m[i * small + k];
        }
        double nrm = 0.0;
        for (int i = 0; i < big; i++) nrm += m[i * small + j] * m[i * small + j];
        nrm = sqrt(nrm);
        for (int i = 0; i < big; i++) m[i * small + j] /= nrm;
    }
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            w[r * cols + c] = (float)(gain * (rows >= cols ? m[r * small + c] : m[c * small + r]));
    free(m);
    return 0;
}

void init_lecun_normal(float *w, int rows, int cols, Rng *rng) {
    /* truncated to [-2, 2] std then rescaled so the variance is exactly 1 / fan_in
     * (0.87962566 = std of a standard normal truncated at +-2) */
    double sd = sqrt(1.0 / cols) / 0.87962566103423978;
    for (int i = 0; i < rows * cols; i++) {
        double z;
        do z = rng_normal(rng); while (z < -2.0 || z > 2.0);
        w[i] = (float)(sd * z);
    }
}
