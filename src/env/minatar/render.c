/* render.c - a MinAtar observation as text: one symbol per cell, ANSI colours optional, and a legend.
 * Writes only to the stream it is given (play and eval commands choose it). */
#include "scorer/minatar.h"
#include <string.h>

typedef struct Glyph { const char *name; char sym; } Glyph;

static const Glyph glyphs[] = {
    {"paddle", '='}, {"ball", 'o'}, {"trail", '.'}, {"brick", '#'},
    {"player", '@'}, {"enemy", 'X'}, {"gold", '$'},
    {"chicken", '@'}, {"car", 'C'}, {"speed1", '1'}, {"speed2", '2'}, {"speed3", '3'}, {"speed4", '4'}, {"speed5", '5'},
    {"cannon", '^'}, {"alien", 'M'}, {"alien_left", '<'}, {"alien_right", '>'},
    {"friendly_bullet", '*'}, {"enemy_bullet", '!'},
    {"sub_front", '@'}, {"sub_back", '='}, {"enemy_fish", 'f'}, {"enemy_sub", 'S'},
    {"oxygen_gauge", 'O'}, {"diver_gauge", 'D'}, {"diver", 'd'},
};
/* bright yellow, white, red, green, cyan, magenta, blue, then normal yellow, cyan, red, ... */
static const int palette[] = {93, 97, 91, 92, 96, 95, 94, 33, 36, 31, 32, 35};
enum { TRAIL_COLOR = 90 }; /* dark grey */

static const char *channel_name(const char *const *names, int ch) { return names && names[ch] ? names[ch] : ""; }

static char channel_symbol(const char *const *names, int ch) {
    const char *n = channel_name(names, ch);
    for (size_t i = 0; i < sizeof glyphs / sizeof glyphs[0]; i++)
        if (!strcmp(glyphs[i].name, n)) return glyphs[i].sym;
    return (char)('a' + ch % 26);
}

/* Trails (and Freeway's speed trails) only show in cells nothing else occupies. */
static int is_trail(const char *const *names, int ch) {
    const char *n = channel_name(names, ch);
    return !strcmp(n, "trail") || !strncmp(n, "speed", 5);
}

static int channel_color(const char *const *names, int ch) {
    const int n = (int)(sizeof palette / sizeof palette[0]);
    return !strcmp(channel_name(names, ch), "trail") ? TRAIL_COLOR : palette[ch % n];
}

static void put_symbol(FILE *out, const char *const *names, int ch, int color) {
    if (color) fprintf(out, "\033[%dm%c\033[0m", channel_color(names, ch), channel_symbol(names, ch));
    else fputc(channel_symbol(names, ch), out);
}

void minatar_render(FILE *out, const float *obs, int C, const char *const *channel_names, int color) {
    /* obs: (10, 10, C) */
    fputs("+--------------------+\n", out);
    for (int r = 0; r < 10; r++) {
        fputc('|', out);
        for (int c = 0; c < 10; c++) {
            const float *cell = obs + (r * 10 + c) * C;
            int shown = -1;
            for (int pass = 0; pass < 2 && shown < 0; pass++) /* solid things first, then trails */
                for (int ch = 0; ch < C && shown < 0; ch++)
                    if (cell[ch] != 0.0f && is_trail(channel_names, ch) == pass) shown = ch;
            if (shown >= 0) put_symbol(out, channel_names, shown, color);
            else fputc(' ', out);
            fputc(' ', out);
        }
        fputs("|\n", out);
    }
    fputs("+--------------------+\n", out);
    for (int ch = 0; ch < C; ch++) { /* legend, five channels a line */
        fputs(ch % 5 ? "  " : " ", out);
        put_symbol(out, channel_names, ch, color);
        fprintf(out, " %s", channel_names && channel_names[ch] ? channel_names[ch] : "?");
        if (ch % 5 == 4 || ch + 1 == C) fputc('\n', out);
    }
}
