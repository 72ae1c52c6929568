/* CSV loading (lanes_models.h).  zlib's gz* functions read compressed and
 * plain files alike.  Nothing is written to the caller's struct unless the
 * whole file parsed. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "kernels/frame/frame.h"
#include "lanes_models.h"

/* One line, without its "\n" or "\r\n"; NULL at end of file.  Grows *buf. */
static char *read_line(gzFile f, char **buf, size_t *cap, int *err)
{
    size_t len = 0;
    for (;;) {
        if (*cap - len < 2) {
            size_t ncap = *cap ? 2 * *cap : 4096;
            char *nb = realloc(*buf, ncap);
            if (!nb) {
                *err = lanes_error(LANES_ENOMEM, "out of memory reading a line of %zu bytes", *cap);
                return NULL;
            }
            *buf = nb;
            *cap = ncap;
        }
        if (!gzgets(f, *buf + len, (int)(*cap - len < 0x40000000 ? *cap - len : 0x40000000))) {
            if (len == 0)
                return NULL;
            break;
        }
        len += strlen(*buf + len);
        if (len > 0 && (*buf)[len - 1] == '\n')
            break;
    }
    while (len > 0 && ((*buf)[len - 1] == '\n' || (*buf)[len - 1] == '\r'))
        (*buf)[--len] = '\0';
    return *buf;
}

/* Number of comma-separated fields in s. */
static size_t count_fields(const char *s)
{
    size_t n = 1;
    while ((s = strchr(s, ',')) != NULL)
        n++, s++;
    return n;
}

/* Split s in place at commas into fields[0..max); returns the number of
 * fields found (also when more than max: those are not stored). */
static size_t split(char *s, char **fields, size_t max)
{
    size_t n = 0;
    for (;;) {
        char *comma = strchr(s, ',');
        if (n < max)
            fields[n] = s;
        n++;
        if (!comma)
            return n;
        if (n <= max)
            *comma = '\0';
        s = comma + 1;
    }
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

static int is_blank(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

void lanes_dataset_free(lanes_dataset *d)
{
    if (!d)
        return;
    if (d->names)
        for (size_t j = 0; j < d->cols; j++)
            free(d->names[j]);
    free(d->names);
    free(d->label_name);
    free(d->x);
    free(d->y);
    memset(d, 0, sizeof *d);
}

int lanes_csv_load(const char *path, const char *label, lanes_dataset *out)
{
    const char *rt = "lanes_csv_load";
    if (!path)
        return lanes_arg_error(rt, 1, "(path) is NULL");
    if (!out)
        return lanes_arg_error(rt, 3, "(out) is NULL");
    gzFile f = gzopen(path, "rb");
    if (!f)
        return lanes_error(LANES_EIO, "%s: cannot open: %s", path, strerror(errno ? errno : ENOENT));
    char *line = NULL, **fields = NULL;
    size_t cap = 0, ncols = 0, lineno = 1, rows = 0, rcap = 0;
    int err = 0;
    lanes_dataset d = {0};

    if (!read_line(f, &line, &cap, &err)) {
        err = err ? err : lanes_error(LANES_EDATA, "%s: empty file (no header row)", path);
        goto done;
    }
    ncols = count_fields(line);
    fields = calloc(ncols, sizeof *fields);
    d.names = calloc(ncols, sizeof *d.names);
    if (!fields || !d.names) {
        err = lanes_error(LANES_ENOMEM, "%s: out of memory", path);
        goto done;
    }
    split(line, fields, ncols);
    size_t lab = ncols - 1;
    if (label) {
        char *end;
        unsigned long v = strtoul(label, &end, 10);
        size_t j = 0;
        while (j < ncols && strcmp(trim(fields[j]), label) != 0)
            j++;
        if (j < ncols)
            lab = j;
        else if (*label && *end == '\0' && isdigit((unsigned char)label[0]) && v < ncols)
            lab = v;
        else {
            err = lanes_error(LANES_EDATA, "%s:1: no label column '%s' in the header", path, label);
            goto done;
        }
    }
    if (ncols < 2) {
        err = lanes_error(LANES_EDATA, "%s:1: a header with %zu column: need features and a label",
                          path, ncols);
        goto done;
    }
    d.cols = ncols - 1;
    for (size_t j = 0, k = 0; j < ncols; j++) {
        char *name = strdup(trim(fields[j]));
        if (!name) {
            err = lanes_error(LANES_ENOMEM, "%s: out of memory", path);
            goto done;
        }
        if (j == lab)
            d.label_name = name;
        else
            d.names[k++] = name;
    }

    while (read_line(f, &line, &cap, &err)) {
        lineno++;
        if (is_blank(line))
            continue;
        size_t n = split(line, fields, ncols);
        if (n != ncols) {
            err = lanes_error(LANES_EDATA, "%s:%zu: %zu fields, the header has %zu", path, lineno,
                              n, ncols);
            goto done;
        }
        if (rows == rcap) {
            rcap = rcap ? 2 * rcap : 1024;
            float *nx = realloc(d.x, rcap * d.cols * sizeof(float));
            if (nx)
                d.x = nx;
            float *ny = realloc(d.y, rcap * sizeof(float));
            if (ny)
                d.y = ny;
            if (!nx || !ny) {
                err = lanes_error(LANES_ENOMEM, "%s: out of memory at line %zu", path, lineno);
                goto done;
            }
        }
        for (size_t j = 0, k = 0; j < ncols; j++) {
            char *cell = trim(fields[j]), *end;
            errno = 0;
            float v = strtof(cell, &end);
            if (*cell == '\0' || *end != '\0') {
                err = lanes_error(LANES_EDATA, "%s:%zu:%zu: '%s' (column %s) is not a number",
                                  path, lineno, j + 1, cell, j == lab ? d.label_name : d.names[k]);
                goto done;
            }
            if (!isfinite(v)) {
                err = lanes_error(LANES_EDATA, "%s:%zu:%zu: '%s' (column %s) is not finite", path,
                                  lineno, j + 1, cell, j == lab ? d.label_name : d.names[k]);
                goto done;
            }
            if (j == lab)
                d.y[rows] = v;
            else
                d.x[rows * d.cols + k++] = v;
        }
        rows++;
    }
    if (err)
        goto done;
    int gzerr;
    const char *msg = gzerror(f, &gzerr);
    if (gzerr != Z_OK && gzerr != Z_STREAM_END) {
        err = lanes_error(LANES_EDATA, "%s:%zu: corrupt or truncated file: %s", path, lineno, msg);
        goto done;
    }
    if (rows == 0) {
        err = lanes_error(LANES_EDATA, "%s: no data rows after the header", path);
        goto done;
    }
    d.rows = rows;
done:
    gzclose(f);
    free(line);
    free(fields);
    if (err) {
        lanes_dataset_free(&d);
        return err;
    }
    *out = d;
    return 0;
}
