//go:build strictcidrgate

package main

import (
	"fmt"
	"strconv"

	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/kubernetes/pkg/features"
)


// setStrictCIDR sets the StrictIPCIDRValidation feature gate (beta, default on since 1.36).
func setStrictCIDR(value string) error {
	if value == "default" {
		return nil
	}
	if _, err := strconv.ParseBool(value); err != nil {
		return fmt.Errorf("-strict-cidr: %w", err)
	}
	return utilfeature.DefaultMutableFeatureGate.Set(string(features.StrictIPCIDRValidation) + "=" + value)
}

func strictCIDRState() string {
	return strconv.FormatBool(utilfeature.DefaultFeatureGate.Enabled(features.StrictIPCIDRValidation))
}
