/* json.h - the JSON our files need (summary.json, summary --json): writing numbers, strings and
 * arrays, and a small strict (RFC 8259) parser into a tree whose errors give line and column. */
#ifndef SCORER_JSON_H
#define SCORER_JSON_H
#include <stddef.h>
#include <stdio.h>

/* v as the shortest of %.15g, %.16g, %.17g that reads back to the same double; NaN and Inf,
 * which JSON lacks, as null. */
void json_num(FILE *f, double v);
/* s quoted, with '"', '\\' and control characters escaped. */
void json_str(FILE *f, const char *s);
/* [v0, v1, ...]: (n,) doubles as json_num writes them; longs with negative values as null. */
void json_num_array(FILE *f, const double *v, int n);
void json_long_array(FILE *f, const long *v, int n);

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUM, JSON_STR, JSON_ARR, JSON_OBJ } JsonType;

typedef struct JsonValue {
    JsonType type;
    double num;               /* JSON_NUM, JSON_BOOL (0/1) */
    char *str;                /* JSON_STR */
    int n, cap;               /* JSON_ARR, JSON_OBJ: children */
    struct JsonValue *kid;    /* (n,) */
    char **key;               /* (n,) JSON_OBJ */
    size_t pos;               /* byte offset, for messages */
} JsonValue;

/* Parses the whole of text (len bytes, no terminator needed) into root. Returns 0; -1 with msg
 * "line L, column C: what" when the text is not JSON; or -2 with msg "out of memory" (the text may be
 * fine). root is empty after an error. Nesting deeper than 32 is refused. */
int json_parse(const char *text, size_t len, JsonValue *root, char *msg, size_t msglen);
void json_free(JsonValue *v);
/* The member key of object o, or NULL (also when o is NULL or not an object). */
const JsonValue *json_get(const JsonValue *o, const char *key);
/* "null", "a boolean", "a number", "a string", "an array", "an object": for messages. */
const char *json_type_name(const JsonValue *v);

#endif
