#!/usr/bin/env bash
# Builds the lab's second engine, sigs.k8s.io/kube-network-policies v0.8.0 (main.go wraps its controller),
# into the lab's cache keyed by this module's files and the Go version, and prints the binary's path on
# stdout. A separate module: its k8s.io libraries (v0.32) are not the API server's (v1.29.3, ../go.mod).
# The module (checked against go.sum) is built with nfqueue-target.patch applied: it sends packets to the
# queue with the NFQUEUE target (xt_NFQUEUE through nft_compat) instead of nftables' `queue` statement,
# which needs nft_queue, a module kernels may lack (this lab's does); nothing else of it is changed.
#   LAB_CACHE   cache folder (default: <repo>/.lab-cache, gitignored)
#   GO          the go command (default: go on PATH, else /usr/local/go/bin/go)
# With --cached it only prints the cached binary's path, or exits 1 when there is none.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${LAB_CACHE:-$here/../../.lab-cache}
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
if ! [ -x "$GO" ] && ! command -v "$GO" >/dev/null 2>&1; then
  echo "labgo/knp/build.sh: no Go toolchain (install Go 1.23 or newer, or set GO=/path/to/go)" >&2
  exit 2
fi
if ! command -v patch >/dev/null 2>&1; then
  echo "labgo/knp/build.sh: no patch command (apt-get install patch)" >&2
  exit 2
fi
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
goversion=$("$GO" env GOVERSION)
key=$(cat "$here/go.mod" "$here/go.sum" "$here"/*.go "$here"/*.patch | sha256sum | cut -c1-16)-$goversion
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
bin=$cache/knpbin-$key
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
if [ "${1:-}" = --cached ]; then exit 1; fi
start=$(date +%s)
echo "labgo/knp: building $bin (first use; 4 min of CPU from an empty Go cache)" >&2
# The patched copy of the module, and a go.mod that points at it (the committed one stays the proxy's).
work=$(mktemp -d "$cache/knp-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
src=$(cd "$here" && "$GO" mod download -json sigs.k8s.io/kube-network-policies | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "labgo/knp/build.sh: could not download sigs.k8s.io/kube-network-policies" >&2; exit 1; }
cp -r "$src" "$work/kube-network-policies"
chmod -R u+w "$work/kube-network-policies"
patch -s -d "$work/kube-network-policies" -p1 < "$here/nfqueue-target.patch"
cp "$here/go.mod" "$work/go.mod"
cp "$here/go.sum" "$work/go.sum"
echo "replace sigs.k8s.io/kube-network-policies => $work/kube-network-policies" >> "$work/go.mod"
(cd "$here" && "$GO" build -modfile "$work/go.mod" -ldflags "-s -w" -o "$bin.tmp" .)
mv "$bin.tmp" "$bin"
echo "labgo/knp: built in $(( $(date +%s) - start ))s, $(stat -c %s "$bin") bytes" >&2
echo "$bin"
