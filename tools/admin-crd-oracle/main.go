// admin-crd-oracle: kube-apiserver of k8s.io/kubernetes v1.34 (the first module release whose CEL
// library has isCIDR, needed by the CRDs of network-policy-api v0.1.7 and later), nothing else.
// run.sh starts it with etcd and records the server's verdicts on the corpus.
package main

import (
	"os"

	"k8s.io/component-base/cli"
	apiserverapp "k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(apiserverapp.NewAPIServerCommand()))
}
