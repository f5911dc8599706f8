module example.invalid/cdk8s-netpol-examples

go 1.25.0

require (
	example.invalid/cdk8s-netpol-go/cdk8snetpol v0.0.0
	github.com/aws/constructs-go/constructs/v10 v10.8.1
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.106
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus29/v2 v2.6.0
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.39.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260811182544-a038080d80e5 // indirect
	golang.org/x/tools v0.49.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

// The Go packages built by .ci/bindings (jsii-pacmak) into dist/go. cdk8s's and cdk8s-plus-29's Go
// modules are built there too, from their npm packages: the Go module proxy this project reaches
// refuses them (403), while the versions are the ones the TypeScript library is tested with.
replace (
	example.invalid/cdk8s-netpol-go/cdk8snetpol => ../../dist/go/cdk8snetpol
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 => ../../dist/go/cdk8s
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus29/v2 => ../../dist/go/cdk8splus29
)
