/* test_json.c - the JSON module: what json_num and json_str write reads back exactly through
 * json_parse (doubles bit for bit, strings byte for byte), \u escapes and surrogate pairs decode to
 * UTF-8, the grammar's edges are refused with the right line and column, nesting stops at 32, and
 * every prefix of a document fails without leaking (run under ASan in CI). */
#include "check.h"
#include "scorer/json.h"
#include "scorer/rng.h"
#include <stdint.h>
#include <string.h>

/* Parses text; returns 0 and fills v, or -1 with msg. */
static int parse(const char *text, JsonValue *v, char *msg, size_t len) {
    return json_parse(text, strlen(text), v, msg, len);
}

/* Writes x with json_num into a buffer and parses it back. */
static int num_round_trip(double x, double *back, char *text, size_t len) {
    FILE *f = fmemopen(text, len, "w");
    if (!f) return -1;
    json_num(f, x);
    fclose(f);
    JsonValue v;
    char msg[200];
    if (parse(text, &v, msg, sizeof msg)) return -1;
    int rc = v.type == JSON_NUM ? 0 : v.type == JSON_NULL ? 1 : -1;
    *back = v.num;
    json_free(&v);
    return rc;
}

static void test_numbers(void) {
    const double fixed[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 1e308, -1.7976931348623157e308,
                            4.9406564584124654e-324, 2.2250738585072014e-308, 123456789012345678.0, 483.86};
    char text[64];
    int exact = 1, short_ok = 1;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        double b;
        if (num_round_trip(fixed[i], &b, text, sizeof text) != 0 || memcmp(&b, &fixed[i], sizeof b)) {
            exact = 0;
            fprintf(stderr, "  %.17g -> '%s'\n", fixed[i], text);
        }
    }
    CHECK(exact, "fixed doubles (signed zero, subnormal, extremes) read back bit for bit");
    /* the shortest form is used: 0.1 is written as 0.1, not 0.10000000000000001 */
    double b;
    num_round_trip(0.1, &b, text, sizeof text);
    short_ok = !strcmp(text, "0.1");
    CHECK(short_ok, "0.1 written as '%s'", text);
    /* random bit patterns: every finite double survives */
    Rng r;
    rng_seed(&r, 7, 1);
    int bad = 0, n = 0;
    for (int i = 0; i < 20000; i++) {
        uint64_t u = rng_next(&r);
        double x;
        memcpy(&x, &u, sizeof x);
        if (!isfinite(x)) continue;
        n++;
        if (num_round_trip(x, &b, text, sizeof text) != 0 || memcmp(&b, &x, sizeof b)) bad++;
    }
    CHECK(bad == 0 && n > 19000, "%d of %d random finite doubles failed to read back exactly", bad, n);
    CHECK(num_round_trip(NAN, &b, text, sizeof text) == 1 && num_round_trip(-INFINITY, &b, text, sizeof text) == 1,
          "NaN and Inf are written as null");
    /* arrays: negative longs mean unknown and become null */
    char buf[128];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    const long l[] = {3, -1, 0};
    const double d[] = {0.5, NAN};
    json_long_array(f, l, 3);
    fputc(' ', f);
    json_num_array(f, d, 2);
    fclose(f);
    CHECK(!strcmp(buf, "[3, null, 0] [0.5, null]"), "arrays written as '%s'", buf);
}

static void test_strings(void) {
    /* every byte 1..255 (controls, quote, backslash, UTF-8 bytes) survives a round trip */
    char s[256], text[2048], msg[200];
    for (int i = 0; i < 255; i++) s[i] = (char)(i + 1);
    s[255] = 0;
    FILE *f = fmemopen(text, sizeof text, "w");
    json_str(f, s);
    fclose(f);
    JsonValue v;
    int rc = parse(text, &v, msg, sizeof msg);
    CHECK(rc == 0 && v.type == JSON_STR && !strcmp(v.str, s), "all 255 bytes read back (%s)", rc ? msg : "mismatch");
    if (!rc) json_free(&v);
    /* escapes decode to UTF-8: 2-, 3- and 4-byte forms (a surrogate pair) */
    rc = parse("\"\\u00e9\\u20ac\\ud83d\\ude00\\/\\b\\f\\r\"", &v, msg, sizeof msg);
    CHECK(rc == 0 && !strcmp(v.str, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80/\b\f\r"), "\\u escapes decode to UTF-8");
    if (!rc) json_free(&v);
    struct { const char *text, *want; } bad[] = {
        {"\"\\ud83d\"", "lone surrogate"},
        {"\"\\ud83d\\u0041\"", "bad surrogate pair"},
        {"\"\\u12g4\"", "bad \\u escape"},
        {"\"\\x\"", "unknown escape"},
        {"\"ab", "unterminated string"},
        {"\"a\tb\"", "control character"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        rc = parse(bad[i].text, &v, msg, sizeof msg);
        CHECK(rc == -1 && strstr(msg, bad[i].want), "'%s': rc %d, '%s' should mention '%s'", bad[i].text, rc, msg, bad[i].want);
    }
}

static void test_grammar(void) {
    char msg[200];
    JsonValue v;
    struct { const char *text, *want; } bad[] = {
        {"01", "line 1, column 2: unexpected text after"},
        {"1.", "expected digits after '.'"},
        {"1e+", "expected digits in the exponent"},
        {"-", "expected a value"},
        {"+1", "expected a value"},
        {"tru", "expected a value"},
        {"{\"a\" 1}", "expected ':' after the key"},
        {"{1: 2}", "expected a \"key\""},
        {"[1 2]", "expected ',' or ']'"},
        {"{\n  \"a\": [1,\n   ]}", "line 3, column 4: expected a value"},
        {"", "line 1, column 1: unexpected end of file"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = parse(bad[i].text, &v, msg, sizeof msg);
        CHECK(rc == -1 && strstr(msg, bad[i].want), "'%s': rc %d, '%s' should mention '%s'", bad[i].text, rc, msg, bad[i].want);
    }
    /* nesting: 32 levels are accepted, 33 refused */
    char deep[80];
    for (int depth = 32; depth <= 33; depth++) {
        memset(deep, '[', (size_t)depth);
        memset(deep + depth, ']', (size_t)depth);
        deep[2 * depth] = 0;
        int rc = parse(deep, &v, msg, sizeof msg);
        if (depth == 32) CHECK(rc == 0, "32 levels accepted: %s", msg);
        else CHECK(rc == -1 && strstr(msg, "nested too deeply"), "33 levels refused: '%s'", msg);
        if (!rc) json_free(&v);
    }
    /* a document: types, members by key, positions */
    const char *doc = " {\"n\": -2.5e3, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, [], {}], \"s\": \"x\"} ";
    int rc = parse(doc, &v, msg, sizeof msg);
    CHECK(rc == 0, "document parses: %s", msg);
    if (rc) return;
    const JsonValue *n = json_get(&v, "n"), *t = json_get(&v, "t"), *fl = json_get(&v, "f"), *z = json_get(&v, "z"),
                    *a = json_get(&v, "a"), *s = json_get(&v, "s");
    CHECK(n && n->type == JSON_NUM && n->num == -2500.0 && n->pos == 7, "number member and its offset");
    CHECK(t && t->type == JSON_BOOL && t->num == 1 && fl && fl->type == JSON_BOOL && fl->num == 0, "booleans");
    CHECK(z && z->type == JSON_NULL && a && a->type == JSON_ARR && a->n == 3 && a->kid[1].type == JSON_ARR &&
              a->kid[2].type == JSON_OBJ && s && !strcmp(s->str, "x"),
          "null, nested containers and string");
    CHECK(!json_get(&v, "missing") && !json_get(a, "n") && !json_get(NULL, "n"), "json_get on a missing key, an array, NULL");
    CHECK(!strcmp(json_type_name(a), "an array") && !strcmp(json_type_name(z), "null") &&
              !strcmp(json_type_name(&v), "an object"),
          "type names for messages");
    json_free(&v);
    /* every proper prefix fails (and frees what it built: ASan) */
    int all_fail = 1;
    size_t len = strlen(doc) - 1; /* without the trailing space, the whole is the shortest valid text */
    for (size_t cut = 0; cut < len; cut++) {
        if (json_parse(doc, cut, &v, msg, sizeof msg) == 0) { all_fail = 0; json_free(&v); }
    }
    CHECK(all_fail, "every prefix of the document is refused");
}

int main(void) {
    test_numbers();
    test_strings();
    test_grammar();
    return check_done("test_json");
}
