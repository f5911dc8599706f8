#!/usr/bin/env bash
# Records the verdicts of a real kube-apiserver (v1.34.4) on the admin-policy CRD corpus
# (test/dialects/admin/admin-crd-corpus.ts) with the CRDs of sigs.k8s.io/network-policy-api v0.1.5,
# v0.1.7, v0.2.0 and v0.3.0 installed, into test/fixtures/admin-crd-verdicts/. It starts its own etcd
# and API server on 127.0.0.1 (ports below), with state in a fresh folder under /tmp, removed at exit:
# nothing of the lab (its network namespaces, /run/cdk8s-netpol-lab, ports) is touched.
#   ORACLE_ETCD_PORT (default 23790; the peer port is +10)   ORACLE_API_PORT (default 26443)
#   ORACLE_OUT   where the verdicts go (default: test/fixtures/admin-crd-verdicts)
#   ORACLE_APISERVER  a kube-apiserver binary to use instead of build.sh's (to cross-check another version)
# Needs Go 1.24+ (build.sh), etcd (Debian etcd-server), openssl, node with the repository's node_modules.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
etcd_port=${ORACLE_ETCD_PORT:-23790}
peer_port=$((etcd_port + 10))
api_port=${ORACLE_API_PORT:-26443}
out=${ORACLE_OUT:-$repo/test/fixtures/admin-crd-verdicts}

bin=${ORACLE_APISERVER:-$("$here/build.sh")}
# v0.3.0's CRDs come from its Go module (the repository keeps v0.1.5, v0.1.7 and v0.2.0 as fixtures).
npapi030=$(cd "$here" && "$GO" mod download -json sigs.k8s.io/network-policy-api@v0.3.0 | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
[ -d "$npapi030/config/crd" ] || { echo "run.sh: no config/crd in network-policy-api v0.3.0 ($npapi030)" >&2; exit 1; }

state=$(mktemp -d /tmp/admin-crd-oracle.XXXXXX)
pids=()
# The API server first, then etcd, each given 10 s: v1.37's server does not finish shutting down once
# etcd is gone, and waiting for it would hang.
stop() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop "${pids[i]}"; done
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

token=$(openssl rand -hex 16)
echo "$token,oracle,oracle,system:masters" > "$state/tokens.csv"
openssl genrsa -out "$state/sa.key" 2048 2>/dev/null
mkdir -p "$state/certs"

etcd --name oracle --data-dir "$state/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "oracle=http://127.0.0.1:$peer_port" > "$state/etcd.log" 2>&1 &
pids+=($!)
"$bin" --etcd-servers="http://127.0.0.1:$etcd_port" --bind-address=127.0.0.1 --secure-port="$api_port" \
  --advertise-address=127.0.0.1 --endpoint-reconciler-type=none --cert-dir="$state/certs" \
  --service-account-issuer=https://kubernetes.default.svc \
  --service-account-key-file="$state/sa.key" --service-account-signing-key-file="$state/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 --authorization-mode=AlwaysAllow --token-auth-file="$state/tokens.csv" \
  --disable-admission-plugins=ServiceAccount --profiling=false > "$state/apiserver.log" 2>&1 &
pids+=($!)

server="https://127.0.0.1:$api_port"
alive() {
  if ! kill -0 "${pids[0]}" 2>/dev/null; then echo "run.sh: etcd exited" >&2; tail -5 "$state/etcd.log" >&2; exit 1; fi
  if ! kill -0 "${pids[1]}" 2>/dev/null; then echo "run.sh: the API server exited" >&2; tail -30 "$state/apiserver.log" >&2; exit 1; fi
}
deadline=$(( $(date +%s) + 300 ))
until curl -sk --max-time 5 -H "Authorization: Bearer $token" "$server/readyz" 2>/dev/null | grep -qx ok; do
  alive
  if [ "$(date +%s)" -gt "$deadline" ]; then echo "run.sh: the API server is not ready after 300 s" >&2; tail -30 "$state/apiserver.log" >&2; exit 1; fi
  sleep 1
done
echo "run.sh: API server ready at $server" >&2

cd "$repo"
ORACLE_SERVER=$server ORACLE_TOKEN=$token ORACLE_NPAPI_030=$npapi030 ORACLE_OUT=$out \
  npx ts-node --transpile-only -P test/tsconfig.json "$here/record.ts"
# A server that lost etcd midway would have answered with errors (record.ts stops on a 5xx); say so anyway.
alive
