// The shop and a namespace that denies everything, in Go: the same manifests as the TypeScript examples
// (examples/shop.ts, examples/deny-all.ts), compared by .ci/bindings.
package main

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus29/v2"

	"example.invalid/cdk8s-netpol-go/cdk8snetpol"
)

// NewShopChart is a shop in namespace `shop`: web, api and db tiers. The frontend namespace reaches web,
// web reaches api, api reaches db and a payment provider's CIDR on 443; every pod may use DNS; nothing
// else flows.
func NewShopChart(scope constructs.Construct, id string) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), &cdk8s.ChartProps{Namespace: jsii.String("shop")})

	container := func(image string, port float64, name string) *cdk8splus29.ContainerProps {
		return &cdk8splus29.ContainerProps{
			Image: jsii.String(image),
			Ports: &[]*cdk8splus29.ContainerPort{{Number: jsii.Number(port), Name: jsii.String(name)}},
		}
	}
	web := cdk8splus29.NewDeployment(chart, jsii.String("web"), &cdk8splus29.DeploymentProps{
		Containers: &[]*cdk8splus29.ContainerProps{container("ghcr.io/example/shop-web:1.4", 8080, "http")},
	})
	api := cdk8splus29.NewDeployment(chart, jsii.String("api"), &cdk8splus29.DeploymentProps{
		Containers: &[]*cdk8splus29.ContainerProps{container("ghcr.io/example/shop-api:2.1", 9000, "http")},
	})
	db := cdk8splus29.NewStatefulSet(chart, jsii.String("db"), &cdk8splus29.StatefulSetProps{
		Containers: &[]*cdk8splus29.ContainerProps{container("postgres:16", 5432, "postgres")},
	})

	cdk8snetpol.NewMicrosegmentation(chart, jsii.String("shop"), &cdk8snetpol.MicrosegmentationProps{
		// Each tier serves on its containers' ports unless told otherwise.
		Tiers: &[]*cdk8snetpol.Tier{
			{Name: jsii.String("web"), Pods: cdk8snetpol.Pods_Of(web)},
			{Name: jsii.String("api"), Pods: cdk8snetpol.Pods_Of(api)},
			{Name: jsii.String("db"), Pods: cdk8snetpol.Pods_Of(db)},
		},
		Flows: &[]*cdk8snetpol.TierFlow{
			{FromTier: jsii.String("web"), ToTier: jsii.String("api")},
			{FromTier: jsii.String("api"), ToTier: jsii.String("db")},
		},
		Ingress: &[]*cdk8snetpol.TierIngress{
			{Peer: cdk8snetpol.Peer_Namespace(jsii.String("frontend")), ToTier: jsii.String("web")},
		},
		Egress: &[]*cdk8snetpol.TierEgress{{
			FromTier: jsii.String("api"),
			Peer:     cdk8snetpol.Peer_Cidr(jsii.String("198.51.100.0/24"), nil),
			Ports:    &[]cdk8snetpol.Port{cdk8snetpol.Port_Tcp(jsii.Number(443))},
		}},
	})
	return chart
}

// NewBatchChart is namespace `batch`: no pod may send or receive anything but DNS until a policy allows it.
func NewBatchChart(scope constructs.Construct, id string) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), &cdk8s.ChartProps{Namespace: jsii.String("batch")})
	cdk8snetpol.NewDenyAllByDefault(chart, jsii.String("default-deny"), nil)
	return chart
}

func main() {
	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String("dist")})
	NewShopChart(app, "shop")
	NewBatchChart(app, "batch")
	app.Synth()
}
