//go:build ciliumlegacy

package main

import (
	"github.com/cilium/cilium/pkg/defaults"
	"github.com/cilium/cilium/pkg/fqdn/re"
	v2 "github.com/cilium/cilium/pkg/k8s/apis/cilium.io/v2"
)

// The agent initializes the FQDN regex cache at start (daemon/cmd/fqdn.go); without it the
// sanitizer refuses every toFQDNs selector.
func init() {
	if err := re.InitRegexCompileLRU(defaults.FQDNRegexCompileLRUSize); err != nil {
		panic(err)
	}
}

// Up to 1.16, Parse takes no arguments.
func parseCNP(p *v2.CiliumNetworkPolicy) error {
	_, err := p.Parse()
	return err
}

func parseCCNP(p *v2.CiliumClusterwideNetworkPolicy) error {
	_, err := p.Parse()
	return err
}
