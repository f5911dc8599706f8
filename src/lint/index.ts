// The jsii-compatible API of the linter. The CLI's engine (manifests, SARIF, text) is internal:
// import it from its files.
export * from './severity';
export * from './lint-finding';
export * from './lint-inputs';
export * from './lint-options';
export * from './lint-rules';
export * from './linter';
export * from './synth-check-mode';
export * from './netpol-settings';
