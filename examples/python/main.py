#!/usr/bin/env python3
"""The shop and a namespace that denies everything, in Python: the same manifests as the TypeScript
examples (examples/shop.ts, examples/deny-all.ts), compared by .ci/bindings."""
from constructs import Construct
from cdk8s import App, Chart
import cdk8s_plus_29 as kplus
from cdk8s_netpol import DenyAllByDefault, Microsegmentation, Peer, Pods, Port, Tier, TierEgress, TierFlow, TierIngress


class ShopChart(Chart):
    """A shop in namespace `shop`: web, api and db tiers. The frontend namespace reaches web, web reaches
    api, api reaches db and a payment provider's CIDR on 443; every pod may use DNS; nothing else flows."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id, namespace="shop")

        web = kplus.Deployment(self, "web", containers=[
            kplus.ContainerProps(image="ghcr.io/example/shop-web:1.4", ports=[kplus.ContainerPort(number=8080, name="http")]),
        ])
        api = kplus.Deployment(self, "api", containers=[
            kplus.ContainerProps(image="ghcr.io/example/shop-api:2.1", ports=[kplus.ContainerPort(number=9000, name="http")]),
        ])
        db = kplus.StatefulSet(self, "db", containers=[
            kplus.ContainerProps(image="postgres:16", ports=[kplus.ContainerPort(number=5432, name="postgres")]),
        ])

        Microsegmentation(
            self, "shop",
            # Each tier serves on its containers' ports unless told otherwise.
            tiers=[
                Tier(name="web", pods=Pods.of(web)),
                Tier(name="api", pods=Pods.of(api)),
                Tier(name="db", pods=Pods.of(db)),
            ],
            flows=[
                TierFlow(from_tier="web", to_tier="api"),
                TierFlow(from_tier="api", to_tier="db"),
            ],
            ingress=[TierIngress(peer=Peer.namespace("frontend"), to_tier="web")],
            egress=[TierEgress(from_tier="api", peer=Peer.cidr("198.51.100.0/24"), ports=[Port.tcp(443)])],
        )


class BatchChart(Chart):
    """Namespace `batch`: no pod may send or receive anything but DNS until a policy allows it."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id, namespace="batch")
        DenyAllByDefault(self, "default-deny")


def build_app(outdir: str = "dist") -> App:
    app = App(outdir=outdir)
    ShopChart(app, "shop")
    BatchChart(app, "batch")
    return app


if __name__ == "__main__":
    build_app().synth()
