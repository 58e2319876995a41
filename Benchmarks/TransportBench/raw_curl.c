/* The floor for the transport benchmark: one libcurl easy handle reused in a plain loop, no
 * threads, no async machinery. Same URL and CA file as the Swift run; each answer's body is
 * collected and its status checked, as CurlTransport does.
 *
 *   cc -O2 -o raw_curl raw_curl.c -lcurl
 *   raw_curl URL CAFILE COUNT SECONDS NAME [POSTDATA]
 *
 * Prints `RESULT <name> <requests> <seconds> <rate>`. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct buffer { char data[65536]; size_t length; };

static size_t collect(char *data, size_t size, size_t count, void *context) {
    struct buffer *buffer = context;
    size_t length = size * count;
    if (buffer->length + length > sizeof buffer->data) return 0;
    memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
    return length;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int one(CURL *curl, struct buffer *buffer) {
    buffer->length = 0;
    CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK || status != 200 || buffer->length == 0) {
        fprintf(stderr, "raw_curl: request failed: %s, HTTP %ld\n", curl_easy_strerror(code), status);
        return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: raw_curl URL CAFILE COUNT SECONDS NAME [POSTDATA]\n");
        return 2;
    }
    const char *url = argv[1], *ca = argv[2], *name = argv[5];
    long count = atol(argv[3]);
    double seconds = atof(argv[4]);
    static struct buffer buffer;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &buffer);
    struct curl_slist *headers = NULL;
    if (argc > 6) {
        headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
        headers = curl_slist_append(headers, "Expect:");
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, argv[6]);
    }

    for (int i = 0; i < 200; i++) if (!one(curl, &buffer)) return 1; /* warm-up, as the Swift run */

    double started = now(), deadline = started + seconds;
    long done = 0;
    while (done < count) {
        if (!one(curl, &buffer)) return 1;
        done++;
        if (done % 64 == 0 && now() >= deadline) break;
    }
    double elapsed = now() - started;
    printf("RESULT %s %ld %.3f %.0f\n", name, done, elapsed, done / elapsed);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return 0;
}
