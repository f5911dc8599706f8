#!/usr/bin/env bash
# Builds Calico's felix (the lab's Calico engine) from a projectcalico/calico source checkout into the
# lab's cache, keyed by Calico's version and the Go version, and prints the binary's path on stdout.
# Calico is not served by the Go module proxy: the checkout is given (its Go dependencies are).
# A cached binary is reused; nothing else is printed on stdout.
#   CALICO_SRC  a projectcalico/calico checkout (tag v3.27.3), e.g. `git archive v3.27.3 | tar -x -C DIR`
#   LAB_CACHE   cache folder (default: <repo>/.lab-cache, gitignored)
#   GO          the go command (default: go on PATH, else /usr/local/go/bin/go)
# With --cached it only prints the cached binary's path, or exits 1 when there is none.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${LAB_CACHE:-$here/../.lab-cache}
src=${CALICO_SRC:-}
if [ -z "$src" ] || ! [ -d "$src/felix/cmd/calico-felix" ]; then
  echo "labgo/build-felix.sh: set CALICO_SRC to a projectcalico/calico v3.27.3 checkout (no felix/cmd/calico-felix in ${src:-<unset>})" >&2
  exit 2
fi
# The release's own manifests name its images: calico/node:<version>.
version=$(grep -o -m1 'calico/node:v[0-9][0-9.]*' "$src/manifests/calico.yaml" 2>/dev/null | cut -d: -f2 || true)
if [ -z "$version" ]; then
  echo "labgo/build-felix.sh: cannot tell the Calico version of $src (no calico/node image in manifests/calico.yaml)" >&2
  exit 2
fi
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
if ! [ -x "$GO" ] && ! command -v "$GO" >/dev/null 2>&1; then
  echo "labgo/build-felix.sh: no Go toolchain (install Go 1.21 or newer, or set GO=/path/to/go)" >&2
  exit 2
fi
# CGO_ENABLED and the toolchain are part of Go's cache key and of ours: keep them fixed.
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
goversion=$("$GO" env GOVERSION)
key=$version-$(sha256sum "$src/go.sum" | cut -c1-12)-$goversion
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
bin=$cache/calico-felix-$key
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
if [ "${1:-}" = --cached ]; then exit 1; fi
start=$(date +%s)
echo "labgo/build-felix.sh: building felix $version into $bin (first use; 20-30 min on 2 cores from an empty Go cache)" >&2
(cd "$src" && "$GO" build -ldflags "-s -w" -o "$bin.tmp" ./felix/cmd/calico-felix)
mv "$bin.tmp" "$bin"
echo "labgo/build-felix.sh: built in $(( $(date +%s) - start ))s, $(stat -c %s "$bin") bytes" >&2
echo "$bin"
