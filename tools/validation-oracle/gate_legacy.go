//go:build !strictcidrgate

package main

import "fmt"


// Kubernetes 1.29 has no StrictIPCIDRValidation gate: ipBlock CIDRs are parsed with ParseCIDRSloppy only.
func setStrictCIDR(value string) error {
	if value != "default" && value != "false" {
		return fmt.Errorf("-strict-cidr=%s needs a build with -tags strictcidrgate (k8s.io/kubernetes v1.33+) (Kubernetes 1.29 has no StrictIPCIDRValidation)", value)
	}
	return nil
}

func strictCIDRState() string { return "n/a (legacy)" }
