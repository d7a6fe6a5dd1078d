/*
 * The C reference for EnrichmentBenchmark: the same enrichment (city: country code and name, city, first
 * subdivision, latitude, longitude; ASN: number and organisation) of the same addresses through libmaxminddb,
 * which has no cache: every address is a tree walk plus the value look-ups. Addresses come from a file of
 * big-endian IPv4 addresses written by wstool.bench.AddressStreams. Prints the best and median of the runs
 * in look-ups per second. Built and run by bench/enrichment-vs-c.sh.
 */
#include <maxminddb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static long get(MMDB_lookup_result_s *r, const char *const *path) {
    MMDB_entry_data_s d;
    if (MMDB_aget_value(&r->entry, &d, path) != MMDB_SUCCESS || !d.has_data) return 0;
    switch (d.type) {
        case MMDB_DATA_TYPE_UTF8_STRING: return d.data_size;
        case MMDB_DATA_TYPE_DOUBLE: return (long)d.double_value;
        case MMDB_DATA_TYPE_UINT32: return d.uint32;
        default: return 1;
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s CITY.mmdb ASN.mmdb ADDRESSES.bin RUNS\n", argv[0]);
        return 2;
    }
    MMDB_s city, asn;
    if (MMDB_open(argv[1], MMDB_MODE_MMAP, &city) != MMDB_SUCCESS || MMDB_open(argv[2], MMDB_MODE_MMAP, &asn) != MMDB_SUCCESS) {
        fprintf(stderr, "cannot open %s or %s\n", argv[1], argv[2]);
        return 1;
    }
    FILE *f = fopen(argv[3], "rb");
    if (!f) { perror(argv[3]); return 1; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f) / 4;
    fseek(f, 0, SEEK_SET);
    unsigned char *ips = malloc(n * 4);
    if (fread(ips, 4, n, f) != (size_t)n) { fprintf(stderr, "short read\n"); return 1; }
    fclose(f);
    int runs = atoi(argv[4]);
    double *rate = calloc(runs, sizeof(double));
    static const char *const cc[] = {"country", "iso_code", NULL}, *const cn[] = {"country", "names", "en", NULL},
        *const ci[] = {"city", "names", "en", NULL}, *const su[] = {"subdivisions", "0", "names", "en", NULL},
        *const la[] = {"location", "latitude", NULL}, *const lo[] = {"location", "longitude", NULL},
        *const an[] = {"autonomous_system_number", NULL}, *const ao[] = {"autonomous_system_organization", NULL};
    long sink = 0;
    for (int run = 0; run < runs; run++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (long i = 0; i < n; i++) {
            struct sockaddr_in sa;
            memset(&sa, 0, sizeof sa);
            sa.sin_family = AF_INET;
            memcpy(&sa.sin_addr, ips + 4 * i, 4);
            int err;
            MMDB_lookup_result_s r = MMDB_lookup_sockaddr(&city, (struct sockaddr *)&sa, &err);
            if (err == MMDB_SUCCESS && r.found_entry) {
                sink += get(&r, cc) + get(&r, cn) + get(&r, ci) + get(&r, su) + get(&r, la) + get(&r, lo);
            }
            MMDB_lookup_result_s a = MMDB_lookup_sockaddr(&asn, (struct sockaddr *)&sa, &err);
            if (err == MMDB_SUCCESS && a.found_entry) sink += get(&a, an) + get(&a, ao);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        rate[run] = n / ((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    }
    qsort(rate, runs, sizeof(double), cmp);
    printf("libmaxminddb %s: best %.0f median %.0f lookups/s over %d runs of %ld addresses (checksum %ld)\n",
           MMDB_lib_version(), rate[runs - 1], rate[runs / 2], runs, n, sink);
    return 0;
}
