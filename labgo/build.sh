#!/usr/bin/env bash
# Builds the lab's one Go binary (kube-apiserver v1.29.3 + kube-router v2.1.0's network policy controller)
# into a cache keyed by the wrapper's files and the Go version, and prints the binary's path on stdout.
# A cached binary is reused; nothing else is printed on stdout.
#   LAB_CACHE   cache folder (default: <repo>/.lab-cache, gitignored)
#   GO          the go command (default: go on PATH, else /usr/local/go/bin/go)
# With --cached it only prints the cached binary's path, or exits 1 when there is none.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${LAB_CACHE:-$here/../.lab-cache}
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
if ! [ -x "$GO" ] && ! command -v "$GO" >/dev/null 2>&1; then
  echo "labgo/build.sh: no Go toolchain (install Go 1.21 or newer, or set GO=/path/to/go)" >&2
  exit 2
fi
# CGO_ENABLED, tags and toolchain are part of Go's cache key and of ours: keep them fixed.
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
tags=providerless
goversion=$("$GO" env GOVERSION)
key=$(cat "$here/go.mod" "$here/go.sum" "$here"/*.go | sha256sum | cut -c1-16)-$goversion-$tags
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
bin=$cache/labbin-$key
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
if [ "${1:-}" = --cached ]; then exit 1; fi
ld="-s -w -X k8s.io/component-base/version.gitVersion=v1.29.3 -X k8s.io/component-base/version.gitMajor=1"
ld="$ld -X k8s.io/component-base/version.gitMinor=29 -X k8s.io/client-go/pkg/version.gitVersion=v1.29.3"
start=$(date +%s)
echo "labgo: building $bin (first use; 5-11 min on 2 cores from an empty Go cache)" >&2
(cd "$here" && "$GO" build -tags "$tags" -ldflags "$ld" -o "$bin.tmp" .)
mv "$bin.tmp" "$bin"
echo "labgo: built in $(( $(date +%s) - start ))s, $(stat -c %s "$bin") bytes" >&2
echo "$bin"
