package org.cdk8s.netpol.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Testing;
import org.cdk8s.netpol.AllowedConnection;
import org.cdk8s.netpol.EndpointInfo;
import org.cdk8s.netpol.NetworkPolicy;
import org.cdk8s.netpol.Peer;
import org.cdk8s.netpol.Pods;
import org.cdk8s.netpol.Port;
import org.cdk8s.netpol.Reachability;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java binding against the TypeScript library: same manifests, same errors with the same construct
 * paths, same reachability answers (test/bindings/reference.js prints the TypeScript answers).
 */
class BindingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode reference;

    @BeforeAll
    static void readReference() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "../../test/bindings/reference.js", "../cdk8s.out/shop.k8s.yaml")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        reference = JSON.readTree(node.getInputStream());
        assertEquals(0, node.waitFor(), "node test/bindings/reference.js");
    }

    /** Numbers compared by value: the binding gives doubles where JSON has integers. */
    private static boolean sameJson(final JsonNode a, final JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? Double.compare(x.doubleValue(), y.doubleValue()) : (x.equals(y) ? 0 : 1), b);
    }

    @Test
    void theShopSynthesizesAsInTypeScript() {
        List<Object> objects = Testing.synth(new Main.ShopChart(Testing.app(), "shop"));
        List<String> policies = new ArrayList<>();
        for (Object o : objects) {
            Map<?, ?> object = (Map<?, ?>) o;
            if ("NetworkPolicy".equals(object.get("kind"))) {
                policies.add((String) ((Map<?, ?>) object.get("metadata")).get("name"));
            }
        }
        assertEquals(List.of("shop-default-deny", "shop-web", "shop-api", "shop-db"), policies);
        assertTrue(sameJson(JSON.valueToTree(objects), reference.get("shop").get("objects")),
                "the Java shop differs from the TypeScript one: " + JSON.valueToTree(objects));
    }

    @Test
    void denyAllByDefaultSelectsEveryPodAndKeepsDns() {
        List<Object> objects = Testing.synth(new Main.BatchChart(Testing.app(), "batch"));
        assertEquals(1, objects.size());
        JsonNode policy = JSON.valueToTree(objects.get(0));
        assertEquals("default-deny", policy.at("/metadata/name").asText());
        assertEquals(0, policy.at("/spec/podSelector").size());
        assertEquals("[\"Ingress\",\"Egress\"]", policy.at("/spec/policyTypes").toString());
        assertTrue(policy.at("/spec/ingress").isMissingNode());
        assertEquals(53, policy.at("/spec/egress/0/ports/0/port").asInt());
    }

    @Test
    void aBadPortAndCidrFailSynthWithTheTypeScriptMessageAndConstructPath(@TempDir final Path out) {
        App app = new App(AppProps.builder().outdir(out.toString()).build());
        Chart chart = new Chart(app, "shop", ChartProps.builder().namespace("shop").build());
        NetworkPolicy db = NetworkPolicy.Builder.create(chart, "db").selector(Pods.labels(Map.of("app", "db"))).build();
        db.allowIngress(Peer.cidr("10.0.0.0/33"), Port.tcp(70000));
        String message = assertThrows(RuntimeException.class, app::synth).getMessage();
        assertTrue(message.contains("[shop/db] spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"), message);
        assertTrue(message.contains("[shop/db] spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": not a valid CIDR"), message);
        assertTrue(message.contains(reference.get("badInput").asText()), message);
    }

    @Test
    void reachabilityAnswersAsInTypeScript() {
        Reachability shop = Reachability.of(new Main.ShopChart(Testing.app(), "shop"));
        List<String> endpoints = new ArrayList<>();
        for (EndpointInfo e : shop.getEndpoints()) {
            endpoints.add(e.getId());
        }
        List<String> connections = new ArrayList<>();
        for (AllowedConnection c : shop.connections()) {
            connections.add(c.getFrom() + " -> " + c.getTo() + ": " + c.getDescription());
        }
        assertEquals(JSON.convertValue(reference.at("/shop/endpoints"), List.class), endpoints);
        assertEquals(JSON.convertValue(reference.at("/shop/connections"), List.class), connections);
        List<Boolean> verdicts = new ArrayList<>();
        for (JsonNode q : reference.at("/shop/answers")) {
            boolean allowed = shop.isAllowed(q.get(0).asText(), q.get(1).asText(), Port.tcp(q.get(2).asInt()));
            assertEquals(q.get(3).asBoolean(), allowed, q.toString());
            verdicts.add(allowed);
        }
        // The meaning, not only the agreement: the declared flows and nothing else.
        assertEquals(List.of(true, true, false, false, true), verdicts);
        assertEquals(reference.at("/shop/explanation").asText(), shop.explain("web", "db", Port.tcp(5432)).getText());
        assertFalse(shop.explain("web", "db", Port.tcp(5432)).getAllowed());
    }
}
