/* table.c - plain-text tables for the terminal. */
#include "scorer/table.h"
#include <math.h>
#include <stdlib.h>

int table_text_width(const char *s) {
    int w = 0;
    for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

void table_fmt_return(char *b, size_t n, double v) {
    if (isfinite(v)) snprintf(b, n, "%.2f", v);
    else snprintf(b, n, "-");
}

void table_fmt_p(char *b, size_t n, double p, const double ci[2]) {
    if (isfinite(ci[0]) && isfinite(ci[1])) snprintf(b, n, "%.2f [%.2f, %.2f]", p, ci[0], ci[1]);
    else snprintf(b, n, "%.2f [no interval: one seed]", p);
}

void table_print(FILE *f, const TableCell *cells, int rows, int cols, const int *right, int first) {
    int w[TABLE_MAX_COLS] = {0};
    if (cols > TABLE_MAX_COLS) { fprintf(f, "(table unavailable: %d columns, at most %d)\n", cols, TABLE_MAX_COLS); return; }
    for (int i = 0; i < rows; i++)
        for (int c = 0; c < cols; c++) if (table_text_width(cells[i * cols + c]) > w[c]) w[c] = table_text_width(cells[i * cols + c]);
    for (int i = 0; i < rows; i++) {
        int spaces = 0; /* held back until more text follows: no trailing spaces */
        for (int c = first; c < cols; c++) {
            const char *s = cells[i * cols + c];
            int k = w[c] - table_text_width(s);
            if (c > first) spaces += 3;
            if (right[c]) spaces += k;
            if (*s) {
                for (; spaces > 0; spaces--) fputc(' ', f);
                fputs(s, f);
            }
            if (!right[c]) spaces += k;
        }
        fputc('\n', f);
    }
}
