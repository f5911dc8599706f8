//go:build !ciliumlegacy

package main

import (
	"log/slog"

	v2 "github.com/cilium/cilium/pkg/k8s/apis/cilium.io/v2"
)

// From 1.17 on, Parse takes a logger and the cluster name.
func parseCNP(p *v2.CiliumNetworkPolicy) error {
	_, err := p.Parse(slog.New(slog.DiscardHandler), "default")
	return err
}

func parseCCNP(p *v2.CiliumClusterwideNetworkPolicy) error {
	_, err := p.Parse(slog.New(slog.DiscardHandler), "default")
	return err
}
