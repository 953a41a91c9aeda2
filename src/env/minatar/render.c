/* render.c - a MinAtar observation as text: one symbol per cell, ANSI colours optional, and a legend.
 * Writes only to the stream it is given (play and eval commands choose it). The symbols and the
 * legend's words are the game's (MinatarGame.glyphs). */
#include "scorer/minatar.h"
#include <string.h>

enum { MAX_CHANNELS = 64, LEGEND_WIDTH = 80 };

/* The games' colours are ones both dark and light backgrounds show (red, green, magenta, cyan, bright
 * blue and red: no white, grey, black or bright yellow); trails keep the terminal's own colour, which
 * every background shows (dark grey hid them on dark ones); their symbols set them apart. */
static void put_symbol(FILE *out, const MinatarGlyph *gl, char sym, int color) {
    if (color && gl->color) fprintf(out, "\033[%dm%c\033[0m", gl->color, sym);
    else fputc(sym, out);
}

void minatar_render(FILE *out, const float *obs, const MinatarGame *g, int color) {
    /* obs: (10, 10, C) */
    const int C = g->channels < MAX_CHANNELS ? g->channels : MAX_CHANNELS;
    int glyph[MAX_CHANNELS]; /* channel -> its entry in g->glyphs, -1: never drawn */
    for (int ch = 0; ch < C; ch++) {
        glyph[ch] = -1;
        for (int k = 0; k < g->n_glyphs; k++)
            if (g->glyphs[k].first <= ch && ch <= g->glyphs[k].last) glyph[ch] = k;
    }
    fputs("+--------------------+\n", out);
    for (int r = 0; r < 10; r++) {
        fputc('|', out);
        for (int c = 0; c < 10; c++) {
            const float *cell = obs + (r * 10 + c) * g->channels;
            int shown = -1;
            for (int pass = 0; pass < 2 && shown < 0; pass++) /* objects first, then trails */
                for (int ch = 0; ch < C && shown < 0; ch++)
                    if (cell[ch] != 0.0f && glyph[ch] >= 0 && g->glyphs[glyph[ch]].trail == pass) shown = ch;
            if (shown >= 0) {
                const MinatarGlyph *gl = &g->glyphs[glyph[shown]];
                put_symbol(out, gl, (char)(gl->sym + shown - gl->first), color);
            } else {
                fputc(' ', out);
            }
            fputc(' ', out);
        }
        fputs("|\n", out);
    }
    fputs("+--------------------+\n", out);
    int width = 0; /* legend: entries two spaces apart, a new line before one that would pass the width */
    for (int k = 0; k < g->n_glyphs; k++) {
        const MinatarGlyph *gl = &g->glyphs[k];
        const int w = (gl->last > gl->first ? 3 : 1) + 1 + (int)strlen(gl->text);
        if (width && width + 2 + w >= LEGEND_WIDTH) {
            fputc('\n', out);
            width = 0;
        }
        fputs(width ? "  " : " ", out);
        put_symbol(out, gl, gl->sym, color);
        if (gl->last > gl->first) { /* a range of channels: first and last symbol */
            fputc('-', out);
            put_symbol(out, gl, (char)(gl->sym + gl->last - gl->first), color);
        }
        fprintf(out, " %s", gl->text);
        width += (width ? 2 : 1) + w;
    }
    if (width) fputc('\n', out);
}
