// labbin: the one binary of the cdk8s-netpol lab (as K3s embeds its parts): kube-apiserver v1.29.3,
// kubectl, kube-router v2.1.0's network policy controller only (no BGP/IPVS code pulled in), and the
// probe agent (agent.go).
//
//	labbin kube-apiserver FLAGS... | labbin kubectl ARGS... | labbin netpol --kubeconfig F --node N | labbin agent
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cloudnativelabs/kube-router/v2/pkg/controllers/netpol"
	"github.com/cloudnativelabs/kube-router/v2/pkg/healthcheck"
	"github.com/cloudnativelabs/kube-router/v2/pkg/options"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/component-base/cli"
	"k8s.io/klog/v2"
	kubectlcmd "k8s.io/kubectl/pkg/cmd"
	kubectlutil "k8s.io/kubectl/pkg/cmd/util"
	apiserverapp "k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	name := filepath.Base(os.Args[0])
	if strings.HasPrefix(name, "labbin") && len(os.Args) > 1 {
		name = os.Args[1]
		os.Args = os.Args[1:]
	}
	switch name {
	case "kube-apiserver":
		os.Exit(cli.Run(apiserverapp.NewAPIServerCommand()))
	case "kubectl":
		if err := cli.RunNoErrOutput(kubectlcmd.NewDefaultKubectlCommand()); err != nil {
			kubectlutil.CheckErr(err)
		}
	case "netpol":
		if err := runNetpol(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	case "agent":
		if err := runAgent(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: labbin kube-apiserver|kubectl|netpol|agent ...")
		os.Exit(2)
	}
}

// runNetpol wires kube-router's NetworkPolicyController the way K3s's pkg/agent/netpol does.
func runNetpol() error {
	fs := flag.NewFlagSet("netpol", flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig")
	node := fs.String("node", "lab-node", "node name (Node object must have an InternalIP)")
	svcCIDR := fs.String("service-cluster-ip-range", "10.43.0.0/16", "")
	period := fs.Duration("iptables-sync-period", 5*time.Minute, "")
	klog.InitFlags(fs)
	_ = fs.Parse(os.Args[1:])

	restCfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		return err
	}
	client, err := kubernetes.NewForConfig(restCfg)
	if err != nil {
		return err
	}
	cfg := options.NewKubeRouterConfig()
	cfg.ClusterIPCIDRs = []string{*svcCIDR}
	cfg.EnableIPv4 = true
	cfg.EnableIPv6 = false
	cfg.HostnameOverride = *node
	cfg.IPTablesSyncPeriod = *period
	cfg.RunFirewall = true
	cfg.MetricsEnabled = false

	stopCh := make(chan struct{})
	factory := informers.NewSharedInformerFactory(client, 0)
	podInf := factory.Core().V1().Pods().Informer()
	nsInf := factory.Core().V1().Namespaces().Informer()
	npInf := factory.Networking().V1().NetworkPolicies().Informer()
	factory.Start(stopCh)
	factory.WaitForCacheSync(stopCh)

	iptH, ipsH, err := netpol.NewIPTablesHandlers(cfg)
	if err != nil {
		return err
	}
	npc, err := netpol.NewNetworkPolicyController(client, cfg, podInf, npInf, nsInf, &sync.Mutex{}, iptH, ipsH)
	if err != nil {
		return err
	}
	if _, err := podInf.AddEventHandler(npc.PodEventHandler); err != nil {
		return err
	}
	if _, err := nsInf.AddEventHandler(npc.NamespaceEventHandler); err != nil {
		return err
	}
	if _, err := npInf.AddEventHandler(npc.NetworkPolicyEventHandler); err != nil {
		return err
	}
	health := make(chan *healthcheck.ControllerHeartbeat, 10)
	go func() {
		for range health { // heartbeats are sent blocking; drain them
		}
	}()
	var wg sync.WaitGroup
	wg.Add(1)
	go npc.Run(health, stopCh, &wg)
	wg.Wait()
	return nil
}
