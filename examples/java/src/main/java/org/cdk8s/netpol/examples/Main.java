package org.cdk8s.netpol.examples;

import java.util.List;

import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.netpol.DenyAllByDefault;
import org.cdk8s.netpol.Microsegmentation;
import org.cdk8s.netpol.Peer;
import org.cdk8s.netpol.Pods;
import org.cdk8s.netpol.Port;
import org.cdk8s.netpol.Tier;
import org.cdk8s.netpol.TierEgress;
import org.cdk8s.netpol.TierFlow;
import org.cdk8s.netpol.TierIngress;
import org.cdk8s.plus29.ContainerPort;
import org.cdk8s.plus29.ContainerProps;
import org.cdk8s.plus29.Deployment;
import org.cdk8s.plus29.StatefulSet;
import software.constructs.Construct;

/** The shop and a namespace that denies everything: the same manifests as the TypeScript examples. */
public final class Main {
    private Main() {
    }

    /**
     * A shop in namespace {@code shop}: web, api and db tiers. The frontend namespace reaches web, web reaches
     * api, api reaches db and a payment provider's CIDR on 443; every pod may use DNS; nothing else flows.
     */
    public static final class ShopChart extends Chart {
        public ShopChart(final Construct scope, final String id) {
            super(scope, id, ChartProps.builder().namespace("shop").build());

            Deployment web = Deployment.Builder.create(this, "web")
                    .containers(List.of(container("ghcr.io/example/shop-web:1.4", 8080, "http"))).build();
            Deployment api = Deployment.Builder.create(this, "api")
                    .containers(List.of(container("ghcr.io/example/shop-api:2.1", 9000, "http"))).build();
            StatefulSet db = StatefulSet.Builder.create(this, "db")
                    .containers(List.of(container("postgres:16", 5432, "postgres"))).build();

            Microsegmentation.Builder.create(this, "shop")
                    // Each tier serves on its containers' ports unless told otherwise.
                    .tiers(List.of(
                            Tier.builder().name("web").pods(Pods.of(web)).build(),
                            Tier.builder().name("api").pods(Pods.of(api)).build(),
                            Tier.builder().name("db").pods(Pods.of(db)).build()))
                    .flows(List.of(
                            TierFlow.builder().fromTier("web").toTier("api").build(),
                            TierFlow.builder().fromTier("api").toTier("db").build()))
                    .ingress(List.of(TierIngress.builder().peer(Peer.namespace("frontend")).toTier("web").build()))
                    .egress(List.of(TierEgress.builder().fromTier("api").peer(Peer.cidr("198.51.100.0/24"))
                            .ports(List.of(Port.tcp(443))).build()))
                    .build();
        }

        private static ContainerProps container(final String image, final int port, final String name) {
            return ContainerProps.builder().image(image)
                    .ports(List.of(ContainerPort.builder().number(port).name(name).build())).build();
        }
    }

    /** Namespace {@code batch}: no pod may send or receive anything but DNS until a policy allows it. */
    public static final class BatchChart extends Chart {
        public BatchChart(final Construct scope, final String id) {
            super(scope, id, ChartProps.builder().namespace("batch").build());
            new DenyAllByDefault(this, "default-deny");
        }
    }

    public static void main(final String[] args) {
        App app = new App();
        new ShopChart(app, "shop");
        new BatchChart(app, "batch");
        app.synth();
    }
}
