// knpbin: sigs.k8s.io/kube-network-policies v0.8.0 for the cdk8s-netpol lab. Its own cmd/main.go reads
// only the in-cluster config; this is that main with --kubeconfig and without the metrics listener. NRI
// stays on as there (its cmd never sets NRIdisabled): with no container runtime socket its plugin logs
// that it cannot connect and the pods' IPs come from the API server, which the lab writes. (With
// NRIdisabled the controller dereferences its nil NRI plugin for any address that is no pod's.)
//
//	knpbin --kubeconfig F --hostname-override N [--admin-network-policy] [--baseline-admin-network-policy] [-v=N]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"golang.org/x/sys/unix"
	"k8s.io/client-go/informers"
	v1 "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/klog/v2"
	"sigs.k8s.io/kube-network-policies/pkg/networkpolicy"
	npaclient "sigs.k8s.io/network-policy-api/pkg/client/clientset/versioned"
	npainformers "sigs.k8s.io/network-policy-api/pkg/client/informers/externalversions"
	"sigs.k8s.io/network-policy-api/pkg/client/informers/externalversions/apis/v1alpha1"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the API server")
	node := flag.String("hostname-override", "", "the Node this instance enforces for")
	anp := flag.Bool("admin-network-policy", false, "enforce AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1)")
	banp := flag.Bool("baseline-admin-network-policy", false, "enforce BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1)")
	queueID := flag.Int("nfqueue-id", 100, "the NFQUEUE number (the DNS cache of admin policies uses the next one)")
	klog.InitFlags(flag.CommandLine)
	flag.Parse()

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, unix.SIGTERM)
	defer cancel()

	config, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		return err
	}
	npaConfig := *config // CRDs do not speak protobuf
	config.AcceptContentTypes = "application/vnd.kubernetes.protobuf,application/json"
	config.ContentType = "application/vnd.kubernetes.protobuf"
	clientset, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	factory := informers.NewSharedInformerFactory(clientset, 0)

	var npaClient *npaclient.Clientset
	var npaFactory npainformers.SharedInformerFactory
	var nodeInformer v1.NodeInformer
	if *anp || *banp {
		nodeInformer = factory.Core().V1().Nodes()
		if npaClient, err = npaclient.NewForConfig(&npaConfig); err != nil {
			return err
		}
		npaFactory = npainformers.NewSharedInformerFactory(npaClient, 0)
	}
	var anpInformer v1alpha1.AdminNetworkPolicyInformer
	if *anp {
		anpInformer = npaFactory.Policy().V1alpha1().AdminNetworkPolicies()
	}
	var banpInformer v1alpha1.BaselineAdminNetworkPolicyInformer
	if *banp {
		banpInformer = npaFactory.Policy().V1alpha1().BaselineAdminNetworkPolicies()
	}

	controller, err := networkpolicy.NewController(clientset,
		factory.Networking().V1().NetworkPolicies(), factory.Core().V1().Namespaces(), factory.Core().V1().Pods(),
		nodeInformer, npaClient, anpInformer, banpInformer,
		networkpolicy.Config{
			AdminNetworkPolicy:         *anp,
			BaselineAdminNetworkPolicy: *banp,
			QueueID:                    *queueID,
			NodeName:                   *node,
			NetfilterBug1766Fix:        true,
		})
	if err != nil {
		return err
	}
	errs := make(chan error, 1)
	go func() { errs <- controller.Run(ctx) }()
	factory.Start(ctx.Done())
	if npaFactory != nil {
		npaFactory.Start(ctx.Done())
	}
	select {
	case <-ctx.Done():
		return nil
	case err := <-errs:
		return fmt.Errorf("the controller stopped: %v", err)
	}
}
