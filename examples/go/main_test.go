package main

// The Go binding against the TypeScript library: same manifests, same errors with the same construct
// paths, same reachability answers (test/bindings/reference.js prints the TypeScript answers).

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"

	"example.invalid/cdk8s-netpol-go/cdk8snetpol"
)

type referenceAnswers struct {
	BadInput    string `json:"badInput"`
	EmptyLabels string `json:"emptyLabels"`
	Shop        struct {
		Objects     []interface{}   `json:"objects"`
		Endpoints   []string        `json:"endpoints"`
		Connections []string        `json:"connections"`
		Answers     [][]interface{} `json:"answers"`
		Explanation string          `json:"explanation"`
	} `json:"shop"`
}

func reference(t *testing.T) referenceAnswers {
	t.Helper()
	out, err := exec.Command("node", "../../test/bindings/reference.js", "../cdk8s.out/shop.k8s.yaml").Output()
	if err != nil {
		t.Fatalf("node test/bindings/reference.js: %v", err)
	}
	var answers referenceAnswers
	if err := json.Unmarshal(out, &answers); err != nil {
		t.Fatalf("reference.js printed no JSON: %v", err)
	}
	return answers
}

// panicMessage runs body and returns what it panicked with (the binding raises JavaScript errors as panics).
func panicMessage(body func()) (message string) {
	defer func() {
		if r := recover(); r != nil {
			message = fmt.Sprint(r)
		}
	}()
	body()
	return ""
}

// asJSON turns the binding's values into what encoding/json would read back, to compare with the reference.
func asJSON(t *testing.T, value interface{}) interface{} {
	t.Helper()
	text, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	var out interface{}
	if err := json.Unmarshal(text, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestShopSynthesizesAsInTypeScript(t *testing.T) {
	ref := reference(t)
	objects := cdk8s.Testing_Synth(NewShopChart(cdk8s.Testing_App(nil), "shop"))
	var policies []string
	for _, object := range *objects {
		o := asJSON(t, object).(map[string]interface{})
		if o["kind"] == "NetworkPolicy" {
			policies = append(policies, o["metadata"].(map[string]interface{})["name"].(string))
		}
	}
	if want := []string{"shop-default-deny", "shop-web", "shop-api", "shop-db"}; !reflect.DeepEqual(policies, want) {
		t.Errorf("policies %v, want %v", policies, want)
	}
	if got := asJSON(t, objects); !reflect.DeepEqual(got, asJSON(t, ref.Shop.Objects)) {
		t.Errorf("the Go shop differs from the TypeScript one:\n%v", got)
	}
}

func TestDenyAllByDefaultSelectsEveryPodAndKeepsDns(t *testing.T) {
	objects := *cdk8s.Testing_Synth(NewBatchChart(cdk8s.Testing_App(nil), "batch"))
	if len(objects) != 1 {
		t.Fatalf("%d objects, want 1", len(objects))
	}
	policy := asJSON(t, objects[0]).(map[string]interface{})
	spec := policy["spec"].(map[string]interface{})
	if got := fmt.Sprint(policy["metadata"], spec["podSelector"], spec["policyTypes"]); got != "map[name:default-deny namespace:batch] map[] [Ingress Egress]" {
		t.Errorf("got %s", got)
	}
	egress := fmt.Sprint(spec["egress"])
	if !strings.Contains(egress, "map[port:53 protocol:UDP] map[port:53 protocol:TCP]") || spec["ingress"] != nil {
		t.Errorf("egress %s, ingress %v", egress, spec["ingress"])
	}
}

func TestBadPortAndCidrFailSynthWithTheTypeScriptMessageAndConstructPath(t *testing.T) {
	ref := reference(t)
	message := panicMessage(func() {
		app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(t.TempDir())})
		chart := cdk8s.NewChart(app, jsii.String("shop"), &cdk8s.ChartProps{Namespace: jsii.String("shop")})
		db := cdk8snetpol.NewNetworkPolicy(chart, jsii.String("db"), &cdk8snetpol.NetworkPolicyProps{
			Selector: cdk8snetpol.Pods_Labels(&map[string]*string{"app": jsii.String("db")}),
		})
		db.AllowIngress(cdk8snetpol.Peer_Cidr(jsii.String("10.0.0.0/33"), nil), cdk8snetpol.Port_Tcp(jsii.Number(70000)))
		app.Synth()
	})
	for _, want := range []string{
		"[shop/db] spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
		`[shop/db] spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": not a valid CIDR`,
		ref.BadInput,
	} {
		if want == "" || !strings.Contains(message, want) {
			t.Errorf("synth failed with %q; want it to contain %q", message, want)
		}
	}
}

func TestEmptyLabelMapIsRefusedAsInTypeScript(t *testing.T) {
	ref := reference(t)
	message := panicMessage(func() { cdk8snetpol.Pods_Labels(&map[string]*string{}) })
	if ref.EmptyLabels == "" || !strings.Contains(message, ref.EmptyLabels) {
		t.Errorf("got %q, want %q", message, ref.EmptyLabels)
	}
}

func TestReachabilityAnswersAsInTypeScript(t *testing.T) {
	ref := reference(t)
	shop := cdk8snetpol.Reachability_Of(NewShopChart(cdk8s.Testing_App(nil), "shop"), nil)

	var endpoints, connections []string
	for _, e := range *shop.Endpoints() {
		endpoints = append(endpoints, *e.Id)
	}
	for _, c := range *shop.Connections(nil) {
		connections = append(connections, fmt.Sprintf("%s -> %s: %s", *c.From, *c.To, *c.Description))
	}
	if !reflect.DeepEqual(endpoints, ref.Shop.Endpoints) || !reflect.DeepEqual(connections, ref.Shop.Connections) {
		t.Errorf("endpoints %v\nconnections %v\nwant %v\n%v", endpoints, connections, ref.Shop.Endpoints, ref.Shop.Connections)
	}

	var verdicts []bool
	for _, q := range ref.Shop.Answers {
		allowed := *shop.IsAllowed(jsii.String(q[0].(string)), jsii.String(q[1].(string)), cdk8snetpol.Port_Tcp(jsii.Number(q[2].(float64))))
		if allowed != q[3].(bool) {
			t.Errorf("%v -> %v on %v: Go says %v, TypeScript %v", q[0], q[1], q[2], allowed, q[3])
		}
		verdicts = append(verdicts, allowed)
	}
	// The meaning, not only the agreement: the declared flows and nothing else.
	if want := []bool{true, true, false, false, true}; !reflect.DeepEqual(verdicts, want) {
		t.Errorf("verdicts %v, want %v", verdicts, want)
	}
	explanation := shop.Explain(jsii.String("web"), jsii.String("db"), cdk8snetpol.Port_Tcp(jsii.Number(5432)))
	if *explanation.Text != ref.Shop.Explanation || *explanation.Allowed {
		t.Errorf("explanation %q (allowed %v), want %q", *explanation.Text, *explanation.Allowed, ref.Shop.Explanation)
	}
}
