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
/* "412.30", or "-" for NaN/Inf. */
void table_fmt_return(char *b, size_t n, double v);
/* A probability with its interval, "0.40 [0.00, 0.80]", or "1.00 [no interval: one seed]" when the
 * interval is NaN (a group of a single seed). */
void table_fmt_p(char *b, size_t n, double p, const double ci[2]);

#endif
