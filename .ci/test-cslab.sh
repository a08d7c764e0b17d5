#!/usr/bin/env bash
# Runs the CSlab tests: plain, under AddressSanitizer (+LeakSanitizer), or under UndefinedBehaviorSanitizer.
#   .ci/test-cslab.sh [plain|asan|ubsan]
# Swift 6.3.1 on Linux refuses `swift test --sanitize=undefined` ("unsupported option
# '-sanitize=undefined'"), so `ubsan` instruments the C target through clang and links clang's
# UBSan runtime. The XCTest harness's own 144-byte leak is suppressed for LeakSanitizer in
# Tests/CSlabTests/LeakSuppressions.swift (libXCTest.so only).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-plain}
case "$mode" in
plain) exec swift test --filter CSlabTests ;;
asan) exec swift test --sanitize=address --scratch-path .build-asan --filter CSlabTests ;;
ubsan)
    rt=$(ls "$(dirname "$(dirname "$(command -v swift)")")"/lib/clang/*/lib/linux/libclang_rt.ubsan_standalone-x86_64.so | head -1)
    dir=$(dirname "$rt")
    exec swift test --scratch-path .build-ubsan --filter CSlabTests \
        -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined \
        -Xlinker -L"$dir" -Xlinker -lclang_rt.ubsan_standalone-x86_64 -Xlinker -rpath -Xlinker "$dir" ;;
*) echo "usage: $0 [plain|asan|ubsan]" >&2; exit 2 ;;
esac
