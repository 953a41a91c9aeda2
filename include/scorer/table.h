/* table.h - plain-text tables for the terminal: rows of UTF-8 cells, each column padded to its
 * widest cell, numbers right-aligned. */
#ifndef SCORER_TABLE_H
#define SCORER_TABLE_H
#include <stdio.h>

#define TABLE_CELL 160
typedef char TableCell[TABLE_CELL];

/* Display width of UTF-8 text (one column per code point: enough for "±"). */
int table_text_width(const char *s);
#define TABLE_MAX_COLS 64
/* Prints cells (rows x cols, row-major; cols at most TABLE_MAX_COLS) from column first on; right[c] = 1
 * right-aligns column c; columns are separated by three spaces. Allocates nothing. */
void table_print(FILE *f, const TableCell *cells, int rows, int cols, const int *right, int first);
/* Room for any number table_fmt_return writes ("-1.235e+300" at most: 11 characters and the NUL). */
#define TABLE_NUM 16
/* "412.30" ("%.2f") below 1e9 in magnitude, "1.235e+09" ("%.4g") from there, or "-" for NaN/Inf. */
void table_fmt_return(char *b, size_t n, double v);
/* "412.30 ± 50.12"; "412.30" alone when std is NaN/Inf (one seed: no spread); "-" when mean is. */
void table_fmt_mean_std(char *b, size_t n, double mean, double std);
/* "412.30 [380.00, 440.00]"; "412.30" alone when the interval is NaN/Inf (one seed); "-" when v is. */
void table_fmt_ci(char *b, size_t n, double v, const double ci[2]);
/* A probability with its interval, "0.40 [0.00, 0.80]", or "1.00 [no interval: one seed]" when the
 * interval is NaN (a group of a single seed). */
void table_fmt_p(char *b, size_t n, double p, const double ci[2]);

#endif
