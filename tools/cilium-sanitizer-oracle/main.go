// Command cilium-sanitizer-oracle replays CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy
// objects through Cilium's own code and the API server's CRD checks, and prints the verdict of each.
//
// Two stages, as on a cluster:
//   - schema: what the API server does on create with fieldValidation=Strict (kubectl's default):
//     unknown and duplicate fields are errors (structural pruning), then CRD defaulting, then the
//     CRD's openAPIV3Schema (value validation, list types, CEL rules). The CRD is the one embedded in
//     the same github.com/cilium/cilium module version.
//   - parse: what the Cilium agent does with the stored object: decode it into the cilium.io/v2 Go
//     types and call the CNP/CCNP Parse(), which runs the rule sanitizer (pkg/policy/api Sanitize).
//
// See README.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"

	apiextensions "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	structurallisttype "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	metavalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	v2 "github.com/cilium/cilium/pkg/k8s/apis/cilium.io/v2"
)

// Case is one object to apply.
type Case struct {
	ID       string          `json:"id"`
	Manifest json.RawMessage `json:"manifest"`
}

// Stage is the outcome of one stage.
type Stage struct {
	OK     bool     `json:"ok"`
	Errors []string `json:"errors"`
}

// Verdict is the outcome of one object.
type Verdict struct {
	ID      string `json:"id"`
	Verdict string `json:"verdict"` // "valid" | "invalid": both stages ok
	Schema  Stage  `json:"schema"`
	// Parse is run on the object as the API server would store it (pruned, defaulted) when the
	// schema accepts it, else on the object as written (for information: it was never stored).
	Parse Stage `json:"parse"`
}

type crd struct {
	structural *structuralschema.Structural
	validator  apiservervalidation.SchemaValidator
	cel        *cel.Validator
	namespaced bool
}

// readCRD reads a CRD of the same module version from its directory, given as CILIUM_CRD_DIR
// ($(go list -m -f '{{.Dir}}' github.com/cilium/cilium)/pkg/k8s/apis/cilium.io/client/crds/v2;
// the module embeds them only from 1.17 on).
func readCRD(file string) ([]byte, error) {
	dir := os.Getenv("CILIUM_CRD_DIR")
	if dir == "" {
		return nil, fmt.Errorf("CILIUM_CRD_DIR is not set")
	}
	return os.ReadFile(filepath.Join(dir, file))
}

func loadCRD(file string) (*crd, error) {
	raw, err := readCRD(file)
	if err != nil {
		return nil, err
	}
	var def apiextensionsv1.CustomResourceDefinition
	if err := yaml.Unmarshal(raw, &def); err != nil {
		return nil, err
	}
	for _, v := range def.Spec.Versions {
		if v.Name != "v2" {
			continue
		}
		var internal apiextensions.JSONSchemaProps
		if err := apiextensionsv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(v.Schema.OpenAPIV3Schema, &internal, nil); err != nil {
			return nil, err
		}
		ss, err := structuralschema.NewStructural(&internal)
		if err != nil {
			return nil, err
		}
		validator, _, err := apiservervalidation.NewSchemaValidator(&internal)
		if err != nil {
			return nil, err
		}
		return &crd{structural: ss, validator: validator, cel: cel.NewValidator(ss, true, celconfig.PerCallLimit), namespaced: def.Spec.Scope == apiextensionsv1.NamespaceScoped}, nil
	}
	return nil, fmt.Errorf("%s: no version v2", file)
}

func errList(list field.ErrorList) []string {
	out := []string{}
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}

// schemaStage returns the object as stored, and the errors of the API server.
func schemaStage(c *crd, data []byte) (map[string]interface{}, []string) {
	var obj map[string]interface{}
	strictErrs, err := kjson.UnmarshalStrict(data, &obj, kjson.DisallowDuplicateFields)
	if err != nil {
		return nil, []string{"decode: " + err.Error()}
	}
	errs := []string{}
	for _, e := range strictErrs {
		errs = append(errs, "strict decoding error: "+e.Error())
	}
	pruned := structuralpruning.PruneWithOptions(obj, c.structural, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})
	sort.Strings(pruned)
	for _, p := range pruned {
		errs = append(errs, fmt.Sprintf("strict decoding error: unknown field %q", p))
	}
	structuraldefaulting.Default(obj, c.structural)
	u := &unstructured.Unstructured{Object: obj}
	if !c.namespaced {
		u.SetNamespace("")
	} else if u.GetNamespace() == "" {
		// kubectl sends the namespace of its context; the request's namespace fills the object's.
		u.SetNamespace("default")
	}
	errs = append(errs, errList(metavalidation.ValidateObjectMetaAccessor(u, c.namespaced, metavalidation.NameIsDNSSubdomain, field.NewPath("metadata")))...)
	errs = append(errs, errList(apiservervalidation.ValidateCustomResource(nil, u.UnstructuredContent(), c.validator))...)
	errs = append(errs, errList(structurallisttype.ValidateListSetsAndMaps(nil, c.structural, u.UnstructuredContent()))...)
	celErrs, _ := c.cel.Validate(context.TODO(), nil, c.structural, u.UnstructuredContent(), nil, celconfig.RuntimeCELCostBudget)
	errs = append(errs, errList(celErrs)...)
	return u.UnstructuredContent(), errs
}

func parseStage(kind string, data []byte) (errs []string) {
	defer func() {
		if r := recover(); r != nil {
			errs = []string{fmt.Sprintf("panic: %v", r)}
		}
	}()
	// The agent's informers decode leniently (case-sensitive, unknown fields dropped).
	if kind == "CiliumClusterwideNetworkPolicy" {
		var p v2.CiliumClusterwideNetworkPolicy
		if err := kjson.UnmarshalCaseSensitivePreserveInts(data, &p); err != nil {
			return []string{"decode: " + err.Error()}
		}
		if err := parseCCNP(&p); err != nil {
			return []string{err.Error()}
		}
		return []string{}
	}
	var p v2.CiliumNetworkPolicy
	if err := kjson.UnmarshalCaseSensitivePreserveInts(data, &p); err != nil {
		return []string{"decode: " + err.Error()}
	}
	if p.Namespace == "" {
		// As in the schema stage: the request's namespace (the CNP Parse of an object without a
		// namespace would take it for a clusterwide policy).
		p.Namespace = "default"
	}
	if err := parseCNP(&p); err != nil {
		return []string{err.Error()}
	}
	return []string{}
}

func ciliumVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/cilium/cilium" {
				return d.Version
			}
		}
	}
	return "unknown"
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var cases []Case
	if err := json.Unmarshal(in, &cases); err != nil {
		fmt.Fprintln(os.Stderr, "input: a JSON list of {id, manifest}:", err)
		os.Exit(2)
	}
	cnp, err := loadCRD("ciliumnetworkpolicies.yaml")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ccnp, err := loadCRD("ciliumclusterwidenetworkpolicies.yaml")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	verdicts := []Verdict{}
	for _, c := range cases {
		var head struct {
			Kind string `json:"kind"`
		}
		_ = json.Unmarshal(c.Manifest, &head)
		schema := cnp
		if head.Kind == "CiliumClusterwideNetworkPolicy" {
			schema = ccnp
		}
		v := Verdict{ID: c.ID}
		stored, schemaErrs := schemaStage(schema, c.Manifest)
		v.Schema = Stage{OK: len(schemaErrs) == 0, Errors: schemaErrs}
		toParse := []byte(c.Manifest)
		if v.Schema.OK {
			toParse, _ = json.Marshal(stored)
		}
		parseErrs := parseStage(head.Kind, toParse)
		v.Parse = Stage{OK: len(parseErrs) == 0, Errors: parseErrs}
		v.Verdict = "invalid"
		if v.Schema.OK && v.Parse.OK {
			v.Verdict = "valid"
		}
		verdicts = append(verdicts, v)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(map[string]interface{}{"ciliumVersion": ciliumVersion(), "verdicts": verdicts})
	os.Stdout.Write(buf.Bytes())
}
