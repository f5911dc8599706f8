//go:build !k8s137

package main

import "fmt"

const kubernetesVersion = "v1.29.3"

// Kubernetes 1.29 has no StrictIPCIDRValidation gate: ipBlock CIDRs are parsed with ParseCIDRSloppy only.
func setStrictCIDR(value string) error {
	if value != "default" && value != "false" {
		return fmt.Errorf("-strict-cidr=%s needs a build with -tags k8s137 (Kubernetes 1.29 has no StrictIPCIDRValidation)", value)
	}
	return nil
}

func strictCIDRState() string { return "n/a (legacy)" }
