/* CSV loading: the real data sets in data/, and every rejection case with
 * the file, line and column in the message and the output untouched. */
#include <unistd.h>
#include <zlib.h>

#include "common.h"
#include "lanes_models.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/lanes-csv-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
    lanes_test_fini();
}

/* Write text to dir/name (gzip-compressed if name ends in .gz). */
static const char *file(const char *name, const char *text)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t n = strlen(name);
    if (n > 3 && strcmp(name + n - 3, ".gz") == 0) {
        gzFile g = gzopen(path, "wb");
        cr_assert_not_null(g);
        cr_assert_eq(gzputs(g, text), (int)strlen(text));
        gzclose(g);
    } else {
        FILE *f = fopen(path, "w");
        cr_assert_not_null(f);
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static void expect_error(const char *path, const char *label, int code, const char *needle)
{
    lanes_dataset d;
    memset(&d, 0x5a, sizeof d);
    lanes_dataset keep = d;
    int rc = lanes_csv_load(path, label, &d);
    cr_assert_eq(rc, code, "%s: rc %d, want %d (%s)", path, rc, code, lanes_last_error_message());
    cr_assert(strstr(lanes_last_error_message(), needle), "message '%s' lacks '%s'",
              lanes_last_error_message(), needle);
    cr_assert_arr_eq(&d, &keep, sizeof d, "output touched on error");
}

Test(csv, parses_and_picks_the_label, .init = setup, .fini = teardown)
{
    const char *p = file("a.csv", "f1, f2 ,lab\r\n1,2.5,0\n\n-3e2, 4 ,1\r\n");
    lanes_dataset d;
    cr_assert_eq(lanes_csv_load(p, NULL, &d), 0, "%s", lanes_last_error_message());
    cr_assert_eq(d.rows, 2);
    cr_assert_eq(d.cols, 2);
    cr_assert_str_eq(d.names[0], "f1");
    cr_assert_str_eq(d.names[1], "f2");
    cr_assert_str_eq(d.label_name, "lab");
    const float x[] = {1, 2.5f, -300, 4}, y[] = {0, 1};
    cr_assert_arr_eq(d.x, x, sizeof x);
    cr_assert_arr_eq(d.y, y, sizeof y);
    lanes_dataset_free(&d);
    /* label by name and by number; the other columns keep their order */
    cr_assert_eq(lanes_csv_load(p, "f1", &d), 0);
    const float x2[] = {2.5f, 0, 4, 1}, y2[] = {1, -300};
    cr_assert_arr_eq(d.x, x2, sizeof x2);
    cr_assert_arr_eq(d.y, y2, sizeof y2);
    cr_assert_str_eq(d.label_name, "f1");
    lanes_dataset_free(&d);
    cr_assert_eq(lanes_csv_load(p, "1", &d), 0);
    cr_assert_str_eq(d.label_name, "f2");
    lanes_dataset_free(&d);
    /* the same text compressed */
    p = file("a.csv.gz", "f1,f2,lab\n1,2.5,0\n-3e2,4,1\n");
    cr_assert_eq(lanes_csv_load(p, NULL, &d), 0);
    cr_assert_arr_eq(d.x, x, sizeof x);
    lanes_dataset_free(&d);
}

Test(csv, rejects_bad_files, .init = setup, .fini = teardown)
{
    char missing[128];
    snprintf(missing, sizeof missing, "%s/none.csv", dir);
    expect_error(missing, NULL, LANES_EIO, "none.csv: cannot open");
    expect_error(file("empty.csv", ""), NULL, LANES_EDATA, "empty file");
    expect_error(file("hdr.csv", "a,b\n"), NULL, LANES_EDATA, "no data rows");
    expect_error(file("one.csv", "a\n1\n"), NULL, LANES_EDATA, "need features and a label");
    expect_error(file("ragged.csv", "a,b,c\n1,2,3\n4,5\n"), NULL, LANES_EDATA,
                 "ragged.csv:3: 2 fields, the header has 3");
    expect_error(file("long.csv", "a,b\n1,2,3\n"), NULL, LANES_EDATA, "long.csv:2: 3 fields");
    expect_error(file("text.csv", "a,b,c\n1,2,3\n4,x5,6\n"), NULL, LANES_EDATA,
                 "text.csv:3:2: 'x5' (column b) is not a number");
    expect_error(file("cell.csv", "a,b\n1,\n"), NULL, LANES_EDATA, "cell.csv:2:2: '' (column b)");
    expect_error(file("nan.csv", "a,b\n1,2\nnan,1\n"), NULL, LANES_EDATA,
                 "nan.csv:3:1: 'nan' (column a) is not finite");
    expect_error(file("inf.csv", "a,b\n1,-inf\n"), NULL, LANES_EDATA, "inf.csv:2:2: '-inf'");
    expect_error(file("big.csv", "a,b\n1,1e39\n"), NULL, LANES_EDATA, "'1e39' (column b) is not finite");
    expect_error(file("lab.csv", "a,b\n1,2\n"), "c", LANES_EDATA, "no label column 'c'");
    expect_error(file("labn.csv", "a,b\n1,2\n"), "2", LANES_EDATA, "no label column '2'");
    /* a truncated .gz */
    const char *gz = file("t.csv.gz", "a,b\n1,2\n3,4\n5,6\n7,8\n");
    FILE *f = fopen(gz, "r+b");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    cr_assert_eq(truncate(gz, n - 6), 0);
    expect_error(gz, NULL, LANES_EDATA, "corrupt or truncated");
    expect_error(NULL, NULL, -1, "(path) is NULL");
}

/* The shipped data sets, as data/README.md describes them. */
Test(csv, real_data_sets, .fini = lanes_test_fini)
{
    lanes_dataset d;
    cr_assert_eq(lanes_csv_load(LANES_DATA_DIR "/digits.csv.gz", NULL, &d), 0, "%s",
                 lanes_last_error_message());
    cr_assert_eq(d.rows, 1797);
    cr_assert_eq(d.cols, 64);
    cr_assert_str_eq(d.label_name, "label");
    int count[10] = {0};
    for (size_t i = 0; i < d.rows; i++) {
        cr_assert(d.y[i] >= 0 && d.y[i] <= 9 && d.y[i] == (int)d.y[i]);
        count[(int)d.y[i]]++;
    }
    const int want[10] = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
    cr_assert_arr_eq(count, want, sizeof want);
    float colmax[64] = {0};
    for (size_t i = 0; i < d.rows * 64; i++)
        colmax[i % 64] = d.x[i] > colmax[i % 64] ? d.x[i] : colmax[i % 64];
    cr_assert(colmax[0] == 0 && colmax[32] == 0 && colmax[39] == 0, "all-zero pixel columns");
    lanes_dataset_free(&d);

    cr_assert_eq(lanes_csv_load(LANES_DATA_DIR "/breast_cancer.csv.gz", "label", &d), 0);
    cr_assert_eq(d.rows, 569);
    cr_assert_eq(d.cols, 30);
    size_t benign = 0;
    for (size_t i = 0; i < d.rows; i++)
        benign += d.y[i] == 1;
    cr_assert_eq(benign, 357);
    lanes_dataset_free(&d);

    cr_assert_eq(lanes_csv_load(LANES_DATA_DIR "/diabetes.csv", NULL, &d), 0);
    cr_assert_eq(d.rows, 442);
    cr_assert_eq(d.cols, 10);
    cr_assert_str_eq(d.names[1], "sex");
    cr_assert_str_eq(d.label_name, "target");
    for (size_t i = 0; i < d.rows; i++)
        cr_assert(d.y[i] >= 25 && d.y[i] <= 346);
    lanes_dataset_free(&d);
}
