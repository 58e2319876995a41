// The system libcurl (pkg-config "libcurl"; Debian: libcurl4-openssl-dev, Homebrew: curl).
#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
#include <curl/curl.h>
#endif
