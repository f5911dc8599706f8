#!/usr/bin/env bash
# Builds the oracle's kube-apiserver (k8s.io/kubernetes v1.34.4, go.mod; or v1.37.2, go137.mod) into a cache
# keyed by the module's files and the Go version, and prints the binary's path on stdout. A cached binary is reused.
#   ORACLE_KUBERNETES  v1.34.4 (default) or v1.37.2
#   ORACLE_CACHE  cache folder (default: <repo>/.lab-cache, gitignored)
#   GO            the go command (default: go on PATH, else /usr/local/go/bin/go)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${ORACLE_CACHE:-$here/../../.lab-cache}
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
if ! [ -x "$GO" ] && ! command -v "$GO" >/dev/null 2>&1; then
  echo "admin-crd-oracle/build.sh: no Go toolchain (install Go 1.24 or newer, or set GO=/path/to/go)" >&2
  exit 2
fi
# CGO_ENABLED, tags and toolchain are part of Go's cache key and of ours: keep them fixed.
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
tags=providerless
version=${ORACLE_KUBERNETES:-v1.34.4}
case $version in
  v1.34.4) modfile=go.mod ;;
  v1.37.2) modfile=go137.mod ;;
  *) echo "admin-crd-oracle/build.sh: no module file for k8s.io/kubernetes $version (v1.34.4 or v1.37.2)" >&2; exit 2 ;;
esac
minor=$(echo "$version" | cut -d. -f2)
goversion=$("$GO" env GOVERSION)
key=$(cat "$here/$modfile" "$here/${modfile%.mod}.sum" "$here"/*.go | sha256sum | cut -c1-16)-$goversion-$tags
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
bin=$cache/admin-crd-oracle-apiserver-$version-$key
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
ld="-s -w -X k8s.io/component-base/version.gitVersion=$version -X k8s.io/component-base/version.gitMajor=1"
ld="$ld -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/client-go/pkg/version.gitVersion=$version"
start=$(date +%s)
echo "admin-crd-oracle: building $bin (first use; about 10 min on 2 cores from an empty Go cache)" >&2
(cd "$here" && nice -n 10 "$GO" build -modfile "$modfile" -tags "$tags" -ldflags "$ld" -o "$bin.tmp" .)
mv "$bin.tmp" "$bin"
echo "admin-crd-oracle: built in $(( $(date +%s) - start ))s, $(stat -c %s "$bin") bytes" >&2
echo "$bin"
