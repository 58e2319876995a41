// Typed, non-variadic wrappers around libcurl's variadic option and info calls.
//
// Swift cannot call C variadic functions, so every argument type gets its own function, as
// swift-corelibs-foundation does in its own curl layer. Each wrapper passes its argument through
// unchanged; the libcurl documentation of the option says which wrapper fits.
#ifndef CCURL_SHIMS_H
#define CCURL_SHIMS_H

#include <curl/curl.h>
#include <stddef.h>

/// A `long` option (flags, timeouts in milliseconds, enumerations).
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
/// A `curl_off_t` option (sizes).
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// A string option (libcurl copies it) or NULL to reset it.
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
/// A pointer option (callback user data, `curl_slist *`, error buffer); libcurl keeps the pointer.
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
/// A blob option (`CURLOPT_CAINFO_BLOB`...); libcurl copies the bytes (`CURL_BLOB_COPY`).
CURLcode ccurl_easy_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);

/// The write and header callbacks' shape.
typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *context);
/// `CURLOPT_WRITEFUNCTION` or `CURLOPT_HEADERFUNCTION`.
CURLcode ccurl_easy_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback);

/// The pre-request callback's shape (`CURLOPT_PREREQFUNCTION`): called once the connection is
/// ready, just before each time libcurl sends the request on it.
typedef int (*ccurl_prereq_callback)(void *context, char *primary_ip, char *local_ip, int primary_port, int local_port);
/// `CURLOPT_PREREQFUNCTION`.
CURLcode ccurl_easy_setopt_prereq_callback(CURL *handle, ccurl_prereq_callback callback);

/// Installs `CURLOPT_SSL_CTX_FUNCTION` with a callback that removes OpenSSL's key-log callback
/// from every TLS context libcurl makes, so that `SSLKEYLOGFILE` never receives session keys.
/// Returns `CURLE_NOT_BUILT_IN` when libcurl's TLS library has no such callback (libcurl then
/// writes no key log), and `CURLE_FUNCTION_NOT_FOUND` when it is OpenSSL or a fork but
/// `SSL_CTX_set_keylog_callback` cannot be found in the process. Valid after
/// `ccurl_global_init_default`.
CURLcode ccurl_easy_disable_tls_key_log(CURL *handle);

/// A `long` piece of information (response code, SSL verify result, OS errno).
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
/// A `curl_off_t` piece of information.
CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
/// A pointer piece of information (`CURLINFO_PRIVATE`).
CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);
/// A string piece of information (`CURLINFO_CAINFO`); the string belongs to libcurl.
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);

/// A `long` multi-handle option.
CURLMcode ccurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value);

/// The easy handle of a `CURLMSG_DONE` message and its result code (the `data` union member).
CURL *ccurl_message_easy_handle(const CURLMsg *message);
/// Whether the message is `CURLMSG_DONE`.
int ccurl_message_is_done(const CURLMsg *message);
/// The transfer's result of a `CURLMSG_DONE` message.
CURLcode ccurl_message_result(const CURLMsg *message);

/// `curl_global_init(CURL_GLOBAL_DEFAULT)`.
CURLcode ccurl_global_init_default(void);

/// The size of the buffer `CURLOPT_ERRORBUFFER` needs.
size_t ccurl_error_size(void);

#endif
