#include "CCurlShims.h"

#include <dlfcn.h>
#include <string.h>

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    return curl_easy_setopt(handle, option, &blob);
}

CURLcode ccurl_easy_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

CURLcode ccurl_easy_setopt_prereq_callback(CURL *handle, ccurl_prereq_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, callback);
}

// OpenSSL's `void SSL_CTX_set_keylog_callback(SSL_CTX *, void (*)(const SSL *, const char *))`,
// looked up in the process rather than linked: libcurl already loaded libssl, and linking it here
// would need OpenSSL's headers and library path on every platform the package builds on.
typedef void (*ccurl_keylog_setter)(void *ssl_ctx, void *callback);

static int ccurl_has_prefix(const char *text, const char *prefix) {
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

// Set once by `ccurl_global_init_default`, before any handle exists.
static ccurl_keylog_setter ccurl_keylog_setter_function = NULL;
static CURLcode ccurl_key_log_state = CURLE_NOT_BUILT_IN;

static void ccurl_find_keylog_setter(void) {
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    if (info == NULL || info->ssl_version == NULL) return;
    // The TLS library libcurl uses comes first in `ssl_version`. libcurl writes SSLKEYLOGFILE
    // through OpenSSL's key-log callback with OpenSSL and its forks; LibreSSL has the callback
    // only in recent releases, and libcurl logs nothing without it.
    const char *version = info->ssl_version;
    int needsSetter = ccurl_has_prefix(version, "OpenSSL/") || ccurl_has_prefix(version, "BoringSSL") ||
                      ccurl_has_prefix(version, "quictls/") || ccurl_has_prefix(version, "AWS-LC/");
    int mayHaveSetter = ccurl_has_prefix(version, "LibreSSL/");
    if (!needsSetter && !mayHaveSetter) return;
    void *symbol = dlsym(RTLD_DEFAULT, "SSL_CTX_set_keylog_callback");
    if (symbol == NULL) {
        ccurl_key_log_state = needsSetter ? CURLE_FUNCTION_NOT_FOUND : CURLE_NOT_BUILT_IN;
        return;
    }
    memcpy(&ccurl_keylog_setter_function, &symbol, sizeof ccurl_keylog_setter_function);
    ccurl_key_log_state = CURLE_OK;
}

static CURLcode ccurl_ssl_ctx_without_key_log(CURL *handle, void *ssl_ctx, void *context) {
    (void)handle;
    (void)context;
    if (ccurl_keylog_setter_function == NULL || ssl_ctx == NULL) return CURLE_SSL_CONNECT_ERROR;
    ccurl_keylog_setter_function(ssl_ctx, NULL);
    return CURLE_OK;
}

CURLcode ccurl_easy_disable_tls_key_log(CURL *handle) {
    if (ccurl_key_log_state != CURLE_OK) return ccurl_key_log_state;
    return curl_easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, ccurl_ssl_ctx_without_key_log);
}

CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLMcode ccurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

CURL *ccurl_message_easy_handle(const CURLMsg *message) {
    return message->easy_handle;
}

int ccurl_message_is_done(const CURLMsg *message) {
    return message->msg == CURLMSG_DONE;
}

CURLcode ccurl_message_result(const CURLMsg *message) {
    return message->data.result;
}

CURLcode ccurl_global_init_default(void) {
    CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
    ccurl_find_keylog_setter();
    return code;
}

size_t ccurl_error_size(void) {
    return CURL_ERROR_SIZE;
}
