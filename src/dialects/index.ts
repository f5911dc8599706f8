export * from './admin';
// The public surface of the dialects: target options and validators. Emission is reached through
// the constructs (CalicoNetworkPolicy, CalicoOutput, RestrictEgressToDomains, ...); selector writers,
// entity builders and parsers stay internal.
export * from './calico/calico-options';
export * from './calico/validate-calico';
export * from './cilium/cilium-options';
export * from './cilium/validate-cilium';
