"""The Python binding (the built wheel) against the TypeScript library: same manifests, same errors with
the same construct paths, same reachability answers. Run by .ci/bindings in a venv with the wheel."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

import cdk8s  # cdk8s.Testing, not `from cdk8s import Testing`: pytest would collect a class named Test*
from cdk8s import App, Chart
from cdk8s_netpol import DenyAllByDefault, NetworkPolicy, Peer, Pods, PolicyType, Port, Reachability

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "examples" / "python"))
import main as shop_example  # noqa: E402  (examples/python/main.py)

# The TypeScript examples' synthesized shop, written by `npx projen synth:examples`.
TS_SHOP = ROOT / "examples" / "cdk8s.out" / "shop.k8s.yaml"


@pytest.fixture(scope="module")
def reference():
    """The TypeScript library's answers (test/bindings/reference.js)."""
    out = subprocess.run(["node", str(ROOT / "test" / "bindings" / "reference.js"), str(TS_SHOP)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def synth_chart(chart_class, chart_id):
    app = cdk8s.Testing.app()
    return cdk8s.Testing.synth(chart_class(app, chart_id))


def policies(objects):
    return sorted((o["metadata"]["name"], tuple(o["spec"]["policyTypes"])) for o in objects if o["kind"] == "NetworkPolicy")


def test_the_shop_synthesizes_its_policies_as_in_typescript(reference):
    objects = synth_chart(shop_example.ShopChart, "shop")
    assert policies(objects) == [
        ("shop-api", ("Ingress", "Egress")),
        ("shop-db", ("Ingress", "Egress")),
        ("shop-default-deny", ("Ingress", "Egress")),
        ("shop-web", ("Ingress", "Egress")),
    ]
    assert objects == reference["shop"]["objects"]


def test_deny_all_by_default_selects_every_pod_and_keeps_dns():
    [policy] = synth_chart(shop_example.BatchChart, "batch")
    assert policy["metadata"] == {"name": "default-deny", "namespace": "batch"}
    assert policy["spec"]["podSelector"] == {}
    assert policy["spec"]["policyTypes"] == ["Ingress", "Egress"]
    assert "ingress" not in policy["spec"]
    [dns] = policy["spec"]["egress"]
    assert dns["ports"] == [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}]


def test_a_bad_port_and_cidr_fail_synth_with_the_typescript_message_and_construct_path(reference, tmp_path):
    app = App(outdir=str(tmp_path))
    chart = Chart(app, "shop", namespace="shop")
    db = NetworkPolicy(chart, "db", selector=Pods.labels({"app": "db"}))
    db.allow_ingress(Peer.cidr("10.0.0.0/33"), Port.tcp(70000))
    with pytest.raises(Exception) as failure:
        app.synth()
    assert "[shop/db] spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive" in str(failure.value)
    assert '[shop/db] spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": not a valid CIDR' in str(failure.value)
    assert reference["badInput"] is not None and reference["badInput"] in str(failure.value)


def test_an_empty_label_map_is_refused_as_in_typescript(reference):
    with pytest.raises(Exception) as failure:
        Pods.labels({})
    assert reference["emptyLabels"] and reference["emptyLabels"] in str(failure.value)


def test_reachability_answers_as_in_typescript(reference):
    app = cdk8s.Testing.app()
    chart = shop_example.ShopChart(app, "shop")
    shop = Reachability.of(chart)
    assert [e.id for e in shop.endpoints] == reference["shop"]["endpoints"]
    assert [f"{c.from_} -> {c.to}: {c.description}" for c in shop.connections()] == reference["shop"]["connections"]
    answers = [[f, t, p, shop.is_allowed(f, t, Port.tcp(p))] for f, t, p, _ in reference["shop"]["answers"]]
    assert answers == reference["shop"]["answers"]
    # The meaning, not only the agreement: the declared flows and nothing else.
    assert [a[3] for a in answers] == [True, True, False, False, True]
    assert shop.explain("web", "db", Port.tcp(5432)).text == reference["shop"]["explanation"]
    assert shop.explain("web", "db", Port.tcp(5432)).allowed is False


def test_reachability_reads_plain_manifests():
    chart = Chart(cdk8s.Testing.app(), "shop", namespace="shop")
    db = NetworkPolicy(chart, "db", selector=Pods.labels({"app": "db"}))
    db.allow_ingress(Peer.pods_with_labels({"app": "api"}), Port.tcp(5432))
    pods = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": n, "namespace": "shop", "labels": {"app": n}},
             "spec": {"containers": []}} for n in ("api", "db")]
    analysis = Reachability.from_manifests([*chart.to_json(), *pods])
    assert analysis.is_allowed("shop/api[Pod]", "shop/db[Pod]", Port.tcp(5432)) is True
    assert analysis.is_allowed("shop/api[Pod]", "shop/db[Pod]", Port.tcp(22)) is False
    assert analysis.complete is True
    assert db.to_model().policy_types == [PolicyType.INGRESS]


def test_the_readme_python_example_runs_and_synthesizes_what_it_says(tmp_path):
    import re
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    assert len(blocks) == 1
    # Run as a user would, `python main.py` in a project folder (cdk8s writes dist/ there).
    (tmp_path / "main.py").write_text(blocks[0])
    subprocess.run([sys.executable, "main.py"], cwd=tmp_path, check=True)
    [written] = list((tmp_path / "dist").glob("*.k8s.yaml"))
    text = written.read_text()
    assert "name: db-accepts-api" in text and "name: default-deny" in text and "port: 5432" in text
