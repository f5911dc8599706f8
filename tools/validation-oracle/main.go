// Command validation-oracle replays NetworkPolicy create requests through the real kube-apiserver
// code (decode, defaulting, conversion, registry strategy) and prints the verdict of each.
//
// It is built twice from the same source: against k8s.io/kubernetes v1.29.3 (go.mod) and against
// a newer release that has the StrictIPCIDRValidation feature gate (go137.mod or go136.mod, build tag strictcidrgate).
// See README.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/networking"
	_ "k8s.io/kubernetes/pkg/apis/networking/install"
	"k8s.io/kubernetes/pkg/registry/networking/networkpolicy"
)

// Case is one request body. Manifest is sent byte for byte as the JSON body of the create request.
type Case struct {
	ID       string          `json:"id"`
	Manifest json.RawMessage `json:"manifest"`
}

// FieldErr is one cause of a 422 (or the best guess at the field of a 400).
type FieldErr struct {
	Field string `json:"field"`
	// Type is field.ErrorType.String(): "Invalid value", "Required value", ... For decode errors:
	// "Invalid type" (a JSON type mismatch), "Unknown field" or "Duplicate field" (strict field
	// validation), "Bad request" (anything else: wrong apiVersion/kind, unparsable JSON).
	Type string `json:"type"`
	// Detail is the API server's message for this cause (field.Error.ErrorBody() without the
	// leading type, i.e. `"value": detail`), or the decode error.
	Detail string `json:"detail"`
}

// Verdict is the outcome of one create request.
type Verdict struct {
	ID      string     `json:"id"`
	Verdict string     `json:"verdict"` // "valid" | "invalid"
	Stage   *string    `json:"stage"`   // "decode" (400) | "validate" (422) | null
	Errors  []FieldErr `json:"errors"`
}

// kubernetesVersion is the version of k8s.io/kubernetes this binary was built with.
func kubernetesVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "k8s.io/kubernetes" {
				return m.Version
			}
		}
	}
	return "unknown"
}

// Output is what the program prints.
type Output struct {
	KubernetesVersion string            `json:"kubernetesVersion"`
	Options           map[string]string `json:"options"`
	Verdicts          []Verdict         `json:"verdicts"`
}

var v1GVK = schema.GroupVersionKind{Group: "networking.k8s.io", Version: "v1", Kind: "NetworkPolicy"}

func main() {
	casesPath := flag.String("cases", "-", "JSON file with an array of {id, manifest} (or an object with a `cases` array); - for stdin")
	strictCIDR := flag.String("strict-cidr", "default", "StrictIPCIDRValidation feature gate: true, false or default (only with -tags strictcidrgate)")
	fieldValidation := flag.String("field-validation", "Strict", "the request's fieldValidation: Strict (kubectl's default), Warn or Ignore")
	namespace := flag.String("namespace", "default", "the request namespace when the body has none (kubectl's current namespace)")
	flag.Parse()

	if err := setStrictCIDR(*strictCIDR); err != nil {
		fail(err)
	}
	cases, err := readCases(*casesPath)
	if err != nil {
		fail(err)
	}
	out := Output{
		KubernetesVersion: kubernetesVersion(),
		Options:           map[string]string{"strictCIDR": strictCIDRState(), "fieldValidation": *fieldValidation, "namespace": *namespace},
		Verdicts:          make([]Verdict, 0, len(cases)),
	}
	for _, c := range cases {
		out.Verdicts = append(out.Verdicts, run(c, *fieldValidation, *namespace))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "validation-oracle:", err)
	os.Exit(2)
}

func readCases(path string) ([]Case, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	var list []Case
	if err := json.Unmarshal(data, &list); err == nil {
		return list, nil
	}
	var wrapped struct {
		Cases []Case `json:"cases"`
	}
	if err := json.Unmarshal(data, &wrapped); err != nil {
		return nil, err
	}
	return wrapped.Cases, nil
}

func str(s string) *string { return &s }

func run(c Case, fieldValidation, defaultNamespace string) (v Verdict) {
	v = Verdict{ID: c.ID, Verdict: "valid", Errors: []FieldErr{}}
	defer func() {
		if r := recover(); r != nil {
			v.Verdict = "invalid"
			v.Stage = str("panic")
			v.Errors = []FieldErr{{Field: "", Type: "panic", Detail: fmt.Sprint(r)}}
		}
	}()

	obj, decodeErrs := decode(c.Manifest, fieldValidation)
	if len(decodeErrs) > 0 {
		v.Verdict = "invalid"
		v.Stage = str("decode")
		v.Errors = decodeErrs
		return v
	}

	errs, err := create(obj, defaultNamespace)
	if err != nil {
		v.Verdict = "invalid"
		v.Stage = str("validate")
		v.Errors = errs
		if errs == nil {
			v.Stage = str("other")
			v.Errors = []FieldErr{{Type: "error", Detail: err.Error()}}
		}
	}
	return v
}

// decode is the create handler's decode step: the request body through the strict (or not) JSON
// serializer, defaulted (SetDefaults_*) and converted to the internal type, as
// scope.Serializer.DecoderToVersion(decodeSerializer, HubGroupVersion) does.
func decode(body []byte, fieldValidation string) (*networking.NetworkPolicy, []FieldErr) {
	info, ok := runtime.SerializerInfoForMediaType(legacyscheme.Codecs.SupportedMediaTypes(), runtime.ContentTypeJSON)
	if !ok {
		fail(errors.New("no JSON serializer"))
	}
	serializer := info.Serializer
	if fieldValidation == "Strict" || fieldValidation == "Warn" {
		serializer = info.StrictSerializer
	}
	decoder := legacyscheme.Codecs.DecoderToVersion(serializer, networking.SchemeGroupVersion)
	into := &networking.NetworkPolicy{}
	obj, gvk, err := decoder.Decode(body, &v1GVK, into)
	if err != nil {
		strictErr, isStrict := runtime.AsStrictDecodingError(err)
		if !(isStrict && obj != nil && fieldValidation != "Strict") {
			if isStrict {
				return nil, strictErrors(strictErr.Errors())
			}
			return nil, []FieldErr{decodeError(err)}
		}
	}
	// The create handler: "the API version in the data (...) does not match the expected API version".
	if gvk == nil || gvk.GroupVersion() != v1GVK.GroupVersion() {
		return nil, []FieldErr{{Field: "apiVersion", Type: "Bad request", Detail: fmt.Sprintf("the API version in the data (%v) does not match the expected API version (%v)", gvk, v1GVK.GroupVersion())}}
	}
	np, ok := obj.(*networking.NetworkPolicy)
	if !ok {
		return nil, []FieldErr{{Field: "kind", Type: "Bad request", Detail: fmt.Sprintf("decoded a %T (kind %v)", obj, gvk)}}
	}
	return np, nil
}

var (
	reUnknown   = regexp.MustCompile(`^unknown field "(.*)"$`)
	reDuplicate = regexp.MustCompile(`^duplicate field "(.*)"$`)
	// json: cannot unmarshal number 1.5 into Go struct field NetworkPolicyPort.spec.ingress.ports.port of type int32
	reTypeField = regexp.MustCompile(`Go struct field [A-Za-z0-9_]+\.([^ ]+) of type`)
	reValueOf   = regexp.MustCompile(`Go value of type`)
)

func strictErrors(errs []error) []FieldErr {
	out := []FieldErr{}
	for _, e := range errs {
		msg := e.Error()
		switch {
		case reUnknown.MatchString(msg):
			out = append(out, FieldErr{Field: reUnknown.FindStringSubmatch(msg)[1], Type: "Unknown field", Detail: msg})
		case reDuplicate.MatchString(msg):
			out = append(out, FieldErr{Field: reDuplicate.FindStringSubmatch(msg)[1], Type: "Duplicate field", Detail: msg})
		default:
			out = append(out, FieldErr{Type: "Bad request", Detail: msg})
		}
	}
	return out
}

// decodeError is the first (fatal) decode error; the field is the dotted path json reports (no
// list indices), or empty when the message does not tell.
func decodeError(err error) FieldErr {
	msg := err.Error()
	if m := reTypeField.FindStringSubmatch(msg); m != nil {
		return FieldErr{Field: m[1], Type: "Invalid type", Detail: msg}
	}
	if reValueOf.MatchString(msg) || strings.Contains(msg, "cannot unmarshal") {
		return FieldErr{Field: "", Type: "Invalid type", Detail: msg}
	}
	return FieldErr{Field: "", Type: "Bad request", Detail: msg}
}

// create is genericregistry.Store.Create up to the storage write: system fields, the generated
// name, then rest.BeforeCreate (namespace check, PrepareForCreate, strategy.Validate, the generic
// ObjectMeta checks and, in newer releases, declarative validation).
func create(np *networking.NetworkPolicy, defaultNamespace string) ([]FieldErr, error) {
	namespace := np.Namespace
	if namespace == "" {
		namespace = defaultNamespace
	}
	ctx := genericapirequest.WithNamespace(context.Background(), namespace)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: "create", APIPrefix: "apis", APIGroup: "networking.k8s.io", APIVersion: "v1",
		Namespace: namespace, Resource: "networkpolicies",
	})
	objectMeta, err := meta.Accessor(np)
	if err != nil {
		return nil, err
	}
	rest.FillObjectMetaSystemFields(objectMeta)
	generated := ""
	if len(objectMeta.GetGenerateName()) > 0 && len(objectMeta.GetName()) == 0 {
		generated = networkpolicy.Strategy.GenerateName(objectMeta.GetGenerateName())
		objectMeta.SetName(generated)
	}
	err = rest.BeforeCreate(networkpolicy.Strategy, ctx, np)
	if err == nil {
		return nil, nil
	}
	var status apierrors.APIStatus
	if !errors.As(err, &status) || status.Status().Details == nil || len(status.Status().Details.Causes) == 0 {
		return nil, err
	}
	out := []FieldErr{}
	for _, c := range status.Status().Details.Causes {
		typ := field.ErrorType(c.Type).String()
		detail := strings.TrimPrefix(c.Message, typ)
		detail = strings.TrimPrefix(detail, ": ")
		if generated != "" {
			// The random suffix of the generated name: mask it so that runs compare equal.
			detail = strings.ReplaceAll(detail, generated, generated[:len(generated)-5]+"xxxxx")
		}
		out = append(out, FieldErr{Field: c.Field, Type: typ, Detail: detail})
	}
	return out, err
}
