/* Model files (lanes_models.h): the whole file is built in memory, written
 * to a temporary file next to the target and renamed over it; loading
 * checks the frame (magic, version, length, CRC-32) before it parses, and
 * every shape after. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "kernels/frame/frame.h"
#include "lanes_models.h"
#include "models/models.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "model files are little-endian; add byte swapping for this target"
#endif

static const char MAGIC[8] = {'L', 'A', 'N', 'E', 'S', 'M', 'D', 'L'};
enum { VERSION = 1, HEAD = 8 + 4 + 4 + 8, MAX_FILE = 1 << 30 };

struct wbuf {
    unsigned char *p;
    size_t len, cap;
    int oom;
};

static void put(struct wbuf *b, const void *src, size_t n)
{
    if (b->oom || n == 0)
        return;
    if (b->cap - b->len < n) {
        size_t cap = (b->cap + n) * 2;
        unsigned char *q = realloc(b->p, cap);
        if (!q) {
            b->oom = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, src, n);
    b->len += n;
}
#define PUT(b, v) put(b, &(v), sizeof(v))

static void put_u32(struct wbuf *b, uint32_t v) { PUT(b, v); }
static void put_u64(struct wbuf *b, uint64_t v) { PUT(b, v); }

struct rbuf {
    const unsigned char *p;
    size_t len, at;
    int bad, oom; /* bad: ran past the end; oom: an allocation failed */
};

static int get(struct rbuf *b, void *dst, size_t n)
{
    if (b->bad || b->len - b->at < n) {
        b->bad = 1;
        return -1;
    }
    if (n == 0)
        return 0;
    memcpy(dst, b->p + b->at, n);
    b->at += n;
    return 0;
}

static uint32_t get_u32(struct rbuf *b)
{
    uint32_t v = 0;
    get(b, &v, sizeof v);
    return v;
}

static uint64_t get_u64(struct rbuf *b)
{
    uint64_t v = 0;
    get(b, &v, sizeof v);
    return v;
}

/* count items of `size` bytes, refusing counts larger than what is left */
static void *get_array(struct rbuf *b, uint64_t count, size_t size)
{
    if (b->bad || count > (b->len - b->at) / size) {
        b->bad = 1;
        return NULL;
    }
    void *p = malloc(count ? count * size : 1);
    if (p)
        get(b, p, count * size);
    else
        b->oom = 1;
    return p;
}

int lanes_model_save(const lanes_model *m, const char *path)
{
    const char *rt = "lanes_model_save";
    if (!m || (m->kind != LANES_MODEL_LINREG && m->kind != LANES_MODEL_NET))
        return lanes_arg_error(rt, 1, "(model) is NULL or of no known kind");
    if (m->kind == LANES_MODEL_LINREG && !m->linreg.w)
        return lanes_arg_error(rt, 1, "(model) linear regression is not fitted");
    int bad = m->kind == LANES_MODEL_NET ? lanes_net_bad(rt, &m->net) : 0;
    if (bad)
        return bad;
    if (!path || !*path)
        return lanes_arg_error(rt, 2, "(path) is NULL or empty");

    struct wbuf b = {0};
    put(&b, MAGIC, sizeof MAGIC);
    put_u32(&b, VERSION);
    put_u32(&b, (uint32_t)m->kind);
    put_u64(&b, 0); /* payload length, filled in below */
    put_u64(&b, m->scaler.d);
    put(&b, m->scaler.mean, m->scaler.d * sizeof(float));
    put(&b, m->scaler.scale, m->scaler.d * sizeof(float));
    size_t ln = m->label_name ? strlen(m->label_name) : 0;
    put_u32(&b, (uint32_t)ln);
    put(&b, m->label_name, ln);
    float tm = m->target_mean, ts = m->target_scale > 0 ? m->target_scale : 1.0f;
    PUT(&b, tm);
    PUT(&b, ts);
    if (m->kind == LANES_MODEL_LINREG) {
        put_u64(&b, m->linreg.d);
        PUT(&b, m->linreg.b);
        put(&b, m->linreg.w, m->linreg.d * sizeof(double));
    } else {
        const lanes_net *net = &m->net;
        put_u32(&b, (uint32_t)net->layers);
        put_u32(&b, (uint32_t)net->act);
        put_u32(&b, (uint32_t)net->loss);
        for (size_t l = 0; l <= net->layers; l++)
            put_u64(&b, net->width[l]);
        put_u64(&b, net->nparams);
        put(&b, net->params, net->nparams * sizeof(float));
    }
    if (!b.oom) {
        uint64_t payload = b.len - HEAD;
        memcpy(b.p + 16, &payload, 8);
        uint32_t crc = (uint32_t)crc32(0L, b.p, (uInt)b.len);
        put_u32(&b, crc);
    }
    if (b.oom) {
        free(b.p);
        return lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
    }

    /* a temporary file in the target's directory, so rename() is atomic */
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 16);
    int rc = 0;
    if (!tmp) {
        free(b.p);
        return lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
    }
    memcpy(tmp, path, pl);
    memcpy(tmp + pl, ".tmp-XXXXXX", 12);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        rc = lanes_error(LANES_EIO, "%s: cannot create a temporary file next to it: %s", path,
                         strerror(errno));
        goto out;
    }
    FILE *f = fdopen(fd, "wb");
    int ok = f && fwrite(b.p, 1, b.len, f) == b.len && fflush(f) == 0 && fsync(fd) == 0;
    int err = errno;
    if (f ? fclose(f) != 0 : close(fd) != 0)
        ok = 0;
    if (!ok) {
        unlink(tmp);
        rc = lanes_error(LANES_EIO, "%s: cannot write %s: %s", path, tmp, strerror(err));
        goto out;
    }
    if (rename(tmp, path) != 0) {
        err = errno;
        unlink(tmp);
        rc = lanes_error(LANES_EIO, "%s: cannot rename %s over it: %s", path, tmp, strerror(err));
    }
out:
    free(tmp);
    free(b.p);
    return rc;
}

static int corrupt(const char *path, const char *why)
{
    return lanes_error(LANES_EDATA, "%s: not a valid lanes model file: %s", path, why);
}

/* Parse the payload (frame already checked) into *m. */
static int parse(const char *path, struct rbuf *b, int kind, lanes_model *m)
{
    uint64_t sd = get_u64(b);
    m->scaler.mean = get_array(b, sd, sizeof(float));
    m->scaler.scale = get_array(b, sd, sizeof(float));
    m->scaler.d = sd;
    uint32_t ln = get_u32(b);
    if (ln == 0) {
        /* no label name */
    } else if (!b->bad && ln <= b->len - b->at && (m->label_name = malloc((size_t)ln + 1))) {
        get(b, m->label_name, ln);
        m->label_name[ln] = '\0';
    } else {
        b->bad = 1;
    }
    get(b, &m->target_mean, sizeof(float));
    get(b, &m->target_scale, sizeof(float));
    if (b->oom)
        return lanes_error(LANES_ENOMEM, "%s: out of memory for the model", path);
    if (b->bad)
        return corrupt(path, "the header fields run past the end of the data");
    if (!isfinite(m->target_mean) || !(m->target_scale > 0) || !isfinite(m->target_scale))
        return corrupt(path, "the target scaling is not finite and positive");
    for (uint64_t j = 0; j < sd; j++)
        if (!(m->scaler.scale[j] > 0) || !isfinite(m->scaler.mean[j]))
            return corrupt(path, "a scaler entry is not finite or not positive");
    if (kind == LANES_MODEL_LINREG) {
        uint64_t d = get_u64(b);
        get(b, &m->linreg.b, sizeof(double));
        m->linreg.w = get_array(b, d, sizeof(double));
        m->linreg.d = d;
        if (b->oom)
            return lanes_error(LANES_ENOMEM, "%s: out of memory for the model", path);
        if (b->bad)
            return corrupt(path, "the coefficients run past the end of the data");
        if (d == 0 || (sd && sd != d))
            return corrupt(path, "the scaler's width does not match the model's");
        return 0;
    }
    uint32_t layers = get_u32(b), act = get_u32(b), loss = get_u32(b);
    if (b->bad || layers == 0 || layers > LANES_NET_MAX_LAYERS) /* before filling width[] */
        return corrupt(path, "the network's layer count is out of range");
    size_t width[LANES_NET_MAX_LAYERS + 1];
    for (uint32_t l = 0; l <= layers; l++) {
        uint64_t w = get_u64(b);
        width[l] = w > LANES_NET_MAX_WIDTH ? 0 : (size_t)w; /* 0: refused below */
    }
    uint64_t np = get_u64(b);
    if (b->bad)
        return corrupt(path, "the layer widths run past the end of the data");
    static const char *const fault[] = {
        [LANES_NET_BAD_LAYERS] = "the network's layer count is out of range",
        [LANES_NET_BAD_WIDTH] = "a layer width is 0 or too large",
        [LANES_NET_BAD_ACT] = "the activation is out of range",
        [LANES_NET_BAD_LOSS] = "the loss is out of range",
        [LANES_NET_BAD_OUTPUTS] = "the network's output width does not fit its loss",
    };
    size_t at;
    int f = lanes_net_shape_fault(layers, width, act, loss, &at);
    if (f)
        return corrupt(path, fault[f]);
    int rc = lanes_net_alloc(&m->net, layers, width, (lanes_act)act, (lanes_loss)loss);
    if (rc)
        return rc;
    if (np != m->net.nparams)
        return corrupt(path, "the parameter count does not match the layer widths");
    if (get(b, m->net.params, np * sizeof(float)))
        return corrupt(path, "the parameters run past the end of the data");
    if (sd && sd != width[0])
        return corrupt(path, "the scaler's width does not match the network's inputs");
    return 0;
}

int lanes_model_load(const char *path, lanes_model *out)
{
    const char *rt = "lanes_model_load";
    if (!path)
        return lanes_arg_error(rt, 1, "(path) is NULL");
    if (!out)
        return lanes_arg_error(rt, 2, "(model) is NULL");
    FILE *f = fopen(path, "rb");
    if (!f)
        return lanes_error(LANES_EIO, "%s: cannot open: %s", path, strerror(errno));
    unsigned char *data = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (cap - len < 65536) {
            if (cap > MAX_FILE) {
                rc = corrupt(path, "larger than 1 GiB");
                break;
            }
            unsigned char *q = realloc(data, cap = cap * 2 + 65536);
            if (!q) {
                rc = lanes_error(LANES_ENOMEM, "%s: out of memory", rt);
                break;
            }
            data = q;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                rc = lanes_error(LANES_EIO, "%s: read error", path);
            break;
        }
    }
    fclose(f);
    lanes_model m = {0};
    if (rc)
        goto done;
    if (len < 8 || memcmp(data, MAGIC, 8) != 0) {
        rc = corrupt(path, "it does not start with LANESMDL");
        goto done;
    }
    struct rbuf b = {.p = data, .len = len, .at = 8};
    uint32_t version = get_u32(&b), kind = get_u32(&b);
    uint64_t payload = get_u64(&b);
    if (b.bad) {
        rc = corrupt(path, "truncated inside the header");
        goto done;
    }
    if (version != VERSION) {
        rc = lanes_error(LANES_EDATA, "%s: model file format version %u; this lanes reads %d",
                         path, version, VERSION);
        goto done;
    }
    if (kind != LANES_MODEL_LINREG && kind != LANES_MODEL_NET) {
        rc = corrupt(path, "unknown model kind");
        goto done;
    }
    if (payload > len - HEAD || len - HEAD - payload < 4) {
        rc = corrupt(path, "truncated (shorter than its header says)");
        goto done;
    }
    if (len - HEAD - payload > 4) {
        rc = corrupt(path, "trailing bytes after the checksum");
        goto done;
    }
    uint32_t crc;
    memcpy(&crc, data + HEAD + payload, 4);
    if (crc != (uint32_t)crc32(0L, data, (uInt)(HEAD + payload))) {
        rc = corrupt(path, "checksum mismatch (the file is damaged)");
        goto done;
    }
    b.len = HEAD + payload;
    m.kind = (int)kind;
    rc = parse(path, &b, (int)kind, &m);
    if (!rc && b.at != b.len)
        rc = corrupt(path, "unparsed bytes at the end of the payload");
done:
    free(data);
    if (rc) {
        lanes_model_free(&m);
        return rc;
    }
    *out = m;
    return 0;
}

void lanes_model_free(lanes_model *m)
{
    if (!m)
        return;
    lanes_scaler_free(&m->scaler);
    lanes_linreg_free(&m->linreg);
    lanes_net_free(&m->net);
    free(m->label_name);
    m->label_name = NULL;
    m->kind = 0;
}
