/* json.c - JSON writing helpers and a recursive-descent parser into a tree, enough for our own
 * files: strict RFC 8259 syntax, nesting limited, every error reported with line and column. */
#include "scorer/json.h"
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ writer */

/* JSON has no NaN or Inf: those are written as null. The shortest of %.15g, %.16g, %.17g that
 * reads back to the same double (%.17g always does), so files stay readable and exact. */
void json_num(FILE *f, double v) {
    if (!isfinite(v)) { fputs("null", f); return; }
    char b[40];
    for (int p = 15; p <= 17; p++) {
        snprintf(b, sizeof b, "%.*g", p, v);
        if (strtod(b, NULL) == v) break;
    }
    fputs(b, f);
}

void json_str(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') { fputc('\\', f); fputc(*p, f); }
        else if (*p == '\n') fputs("\\n", f);
        else if (*p == '\t') fputs("\\t", f);
        else if (*p < 0x20) fprintf(f, "\\u%04x", *p);
        else fputc(*p, f);
    }
    fputc('"', f);
}

void json_num_array(FILE *f, const double *v, int n) {
    fputc('[', f);
    for (int i = 0; i < n; i++) { if (i) fputs(", ", f); json_num(f, v[i]); }
    fputc(']', f);
}

void json_long_array(FILE *f, const long *v, int n) {
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        if (i) fputs(", ", f);
        if (v[i] < 0) fputs("null", f);
        else fprintf(f, "%ld", v[i]);
    }
    fputc(']', f);
}

/* ------------------------------------------------------------------ reader */

typedef struct JParser {
    const char *s;
    size_t len, i;
    int depth;
    char msg[160];
    size_t at;
    int oom;              /* the error is the memory's, not the text's */
} JParser;

#define JSON_MAX_DEPTH 32

void json_free(JsonValue *v) {
    for (int i = 0; i < v->n; i++) {
        json_free(&v->kid[i]);
        if (v->key) free(v->key[i]);
    }
    free(v->kid);
    free(v->key);
    free(v->str);
    memset(v, 0, sizeof *v);
}

static int jerr(JParser *p, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
    p->at = p->i;
    return -1;
}

static int joom(JParser *p) {
    p->oom = 1;
    return jerr(p, "out of memory");
}

static void jws(JParser *p) {
    while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r')) p->i++;
}

static int jhex4(JParser *p, unsigned *out) {
    if (p->i + 4 > p->len) return jerr(p, "truncated \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p->s[p->i++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return jerr(p, "bad \\u escape");
    }
    *out = v;
    return 0;
}

/* Appends code point u as UTF-8 to b (room for 4 bytes guaranteed by the caller). */
static size_t put_utf8(char *b, unsigned u) {
    if (u < 0x80) { b[0] = (char)u; return 1; }
    if (u < 0x800) { b[0] = (char)(0xC0 | (u >> 6)); b[1] = (char)(0x80 | (u & 0x3F)); return 2; }
    if (u < 0x10000) {
        b[0] = (char)(0xE0 | (u >> 12)); b[1] = (char)(0x80 | ((u >> 6) & 0x3F)); b[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | (u >> 18)); b[1] = (char)(0x80 | ((u >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((u >> 6) & 0x3F)); b[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

static int jstring(JParser *p, char **out) {
    p->i++; /* opening quote */
    size_t start = p->i;
    /* decoded text is never longer than the source span: find the end first */
    size_t e = start;
    while (e < p->len && p->s[e] != '"') e += (p->s[e] == '\\') ? 2 : 1;
    if (e >= p->len) { p->i = p->len; return jerr(p, "unterminated string (file truncated?)"); }
    char *b = malloc(e - start + 1);
    if (!b) return joom(p);
    size_t n = 0;
    while (p->s[p->i] != '"') {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c < 0x20) { free(b); return jerr(p, "control character inside a string"); }
        if (c != '\\') { b[n++] = (char)c; p->i++; continue; }
        p->i++;
        char esc = p->s[p->i++];
        switch (esc) {
        case '"': b[n++] = '"'; break;
        case '\\': b[n++] = '\\'; break;
        case '/': b[n++] = '/'; break;
        case 'b': b[n++] = '\b'; break;
        case 'f': b[n++] = '\f'; break;
        case 'n': b[n++] = '\n'; break;
        case 'r': b[n++] = '\r'; break;
        case 't': b[n++] = '\t'; break;
        case 'u': {
            unsigned u;
            if (jhex4(p, &u)) { free(b); return -1; }
            if (u >= 0xD800 && u < 0xDC00 && p->i + 6 <= e && p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
                unsigned lo;
                p->i += 2;
                if (jhex4(p, &lo)) { free(b); return -1; }
                if (lo < 0xDC00 || lo > 0xDFFF) { free(b); return jerr(p, "bad surrogate pair"); }
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            } else if (u >= 0xD800 && u <= 0xDFFF) { free(b); return jerr(p, "lone surrogate in \\u escape"); }
            /* "\uXXXX" is 6 source bytes and at most 3 UTF-8 bytes; a pair is 12 for 4 */
            n += put_utf8(b + n, u);
            break;
        }
        default: free(b); p->i--; return jerr(p, "unknown escape '\\%c'", esc);
        }
    }
    b[n] = 0;
    p->i++; /* closing quote */
    *out = b;
    return 0;
}

static int jnumber(JParser *p, double *out) {
    size_t st = p->i;
    const char *s = p->s;
    size_t i = p->i;
    if (i < p->len && s[i] == '-') i++;
    if (i >= p->len || s[i] < '0' || s[i] > '9') return jerr(p, "expected a value");
    if (s[i] == '0') i++;
    else while (i < p->len && s[i] >= '0' && s[i] <= '9') i++;
    if (i < p->len && s[i] == '.') {
        i++;
        if (i >= p->len || s[i] < '0' || s[i] > '9') { p->i = i; return jerr(p, "expected digits after '.'"); }
        while (i < p->len && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < p->len && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= p->len || s[i] < '0' || s[i] > '9') { p->i = i; return jerr(p, "expected digits in the exponent"); }
        while (i < p->len && s[i] >= '0' && s[i] <= '9') i++;
    }
    /* strtod needs a terminated string: copy the (validated) span */
    char tmp[64];
    if (i - st >= sizeof tmp) return jerr(p, "number too long");
    memcpy(tmp, s + st, i - st);
    tmp[i - st] = 0;
    *out = strtod(tmp, NULL);
    p->i = i;
    return 0;
}

static int jvalue(JParser *p, JsonValue *v);

static JsonValue *jpush(JParser *p, JsonValue *parent) {
    if (parent->n == parent->cap) {
        int cap = parent->cap ? 2 * parent->cap : 8;
        JsonValue *k = realloc(parent->kid, sizeof(JsonValue) * (size_t)cap);
        if (!k) { joom(p); return NULL; }
        parent->kid = k;
        if (parent->type == JSON_OBJ) {
            char **keys = realloc(parent->key, sizeof(char *) * (size_t)cap);
            if (!keys) { joom(p); return NULL; }
            parent->key = keys;
        }
        parent->cap = cap;
    }
    JsonValue *k = &parent->kid[parent->n];
    memset(k, 0, sizeof *k);
    return k;
}

static int jcontainer(JParser *p, JsonValue *v, char close) {
    v->type = close == '}' ? JSON_OBJ : JSON_ARR;
    if (++p->depth > JSON_MAX_DEPTH) return jerr(p, "nested too deeply");
    p->i++;
    jws(p);
    if (p->i < p->len && p->s[p->i] == close) { p->i++; p->depth--; return 0; }
    for (;;) {
        jws(p);
        JsonValue *k = jpush(p, v);
        if (!k) return -1;
        char *key = NULL;
        if (close == '}') {
            if (p->i >= p->len) return jerr(p, "unexpected end of file inside an object (file truncated?)");
            if (p->s[p->i] != '"') return jerr(p, "expected a \"key\" in the object");
            if (jstring(p, &key)) return -1;
            jws(p);
            if (p->i >= p->len || p->s[p->i] != ':') { free(key); return jerr(p, "expected ':' after the key"); }
            p->i++;
        }
        int rc = jvalue(p, k);
        /* count the child even when incomplete, so json_free releases what it holds */
        if (close == '}') v->key[v->n] = key;
        v->n++;
        if (rc) return -1;
        jws(p);
        if (p->i >= p->len)
            return jerr(p, "unexpected end of file inside an %s (file truncated?)", close == '}' ? "object" : "array");
        if (p->s[p->i] == ',') { p->i++; continue; }
        if (p->s[p->i] == close) { p->i++; break; }
        return jerr(p, "expected ',' or '%c'", close);
    }
    p->depth--;
    return 0;
}

static int jvalue(JParser *p, JsonValue *v) {
    jws(p);
    v->pos = p->i;
    if (p->i >= p->len) return jerr(p, "unexpected end of file (file truncated?)");
    char c = p->s[p->i];
    if (c == '{') return jcontainer(p, v, '}');
    if (c == '[') return jcontainer(p, v, ']');
    if (c == '"') { v->type = JSON_STR; return jstring(p, &v->str); }
    static const struct { const char *w; JsonType t; double n; } lit[] = {
        {"null", JSON_NULL, 0}, {"true", JSON_BOOL, 1}, {"false", JSON_BOOL, 0}};
    for (int k = 0; k < 3; k++) {
        size_t L = strlen(lit[k].w);
        if (p->len - p->i >= L && !memcmp(p->s + p->i, lit[k].w, L)) {
            v->type = lit[k].t;
            v->num = lit[k].n;
            p->i += L;
            return 0;
        }
    }
    v->type = JSON_NUM;
    return jnumber(p, &v->num);
}

/* Parses the whole text; on error fills msg "line L, column C: what". */
int json_parse(const char *text, size_t len, JsonValue *root, char *msg, size_t msglen) {
    JParser p = {.s = text, .len = len};
    memset(root, 0, sizeof *root);
    int rc = jvalue(&p, root);
    if (!rc) {
        jws(&p);
        if (p.i < p.len) rc = jerr(&p, "unexpected text after the end of the document");
    }
    if (rc) {
        int line = 1, col = 1;
        for (size_t i = 0; i < p.at && i < len; i++) {
            if (text[i] == '\n') { line++; col = 1; }
            else col++;
        }
        if (p.oom) snprintf(msg, msglen, "out of memory");
        else snprintf(msg, msglen, "line %d, column %d: %s", line, col, p.msg);
        json_free(root);
        return p.oom ? -2 : -1;
    }
    return 0;
}

const JsonValue *json_get(const JsonValue *o, const char *key) {
    if (!o || o->type != JSON_OBJ) return NULL;
    for (int i = 0; i < o->n; i++) if (!strcmp(o->key[i], key)) return &o->kid[i];
    return NULL;
}

const char *json_type_name(const JsonValue *v) {
    static const char *const names[] = {"null", "a boolean", "a number", "a string", "an array", "an object"};
    return names[v->type];
}
