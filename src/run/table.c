/* table.c - plain-text tables for the terminal. */
#include "scorer/table.h"
#include <math.h>
#include <stdlib.h>

int table_text_width(const char *s) {
    int w = 0;
    for (; *s; s++) w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* Every number of a table: "%.2f" below 1e9 in magnitude, "%.4g" from there ("1.235e+09", "1e+300"), so that a
 * huge return takes at most 11 characters (it took up to 312, and cut in callers' 40-byte buffers lost the rest of
 * the cell: "± std"). */
void table_fmt_return(char *b, size_t n, double v) {
    if (!isfinite(v)) snprintf(b, n, "-");
    else if (fabs(v) < 1e9) snprintf(b, n, "%.2f", v);
    else snprintf(b, n, "%.4g", v);
}

void table_fmt_mean_std(char *b, size_t n, double mean, double std) {
    char m[TABLE_NUM], s[TABLE_NUM];
    table_fmt_return(m, sizeof m, mean);
    table_fmt_return(s, sizeof s, std);
    if (isfinite(mean) && isfinite(std)) snprintf(b, n, "%s ± %s", m, s);
    else snprintf(b, n, "%s", m);
}

void table_fmt_ci(char *b, size_t n, double v, const double ci[2]) {
    char m[TABLE_NUM], lo[TABLE_NUM], hi[TABLE_NUM];
    table_fmt_return(m, sizeof m, v);
    table_fmt_return(lo, sizeof lo, ci[0]);
    table_fmt_return(hi, sizeof hi, ci[1]);
    if (isfinite(v) && isfinite(ci[0]) && isfinite(ci[1])) snprintf(b, n, "%s [%s, %s]", m, lo, hi);
    else snprintf(b, n, "%s", m);
}

void table_fmt_p(char *b, size_t n, double p, const double ci[2]) {
    if (isfinite(ci[0]) && isfinite(ci[1])) { table_fmt_ci(b, n, p, ci); return; }
    char m[TABLE_NUM];
    table_fmt_return(m, sizeof m, p);
    snprintf(b, n, "%s [no interval: one seed]", m);
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
