package shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests, as Kustomize renders them, agree with what the applications are configured
 * with: ports, health probe paths, the projector's topics and consumer group. It fails when either drifts.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of("..");

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "prod"})
    void theManifestsAgreeWithTheApplicationsConfiguration(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);

        for (String service : List.of("cart-service", "order-service")) {
            Map<String, Object> config = applicationYaml(service);
            int port = (Integer) path(config, "server", "port");
            Map<String, Object> container = container(deployment(objects, service));
            assertThat(ports(container)).as("%s containerPort", service).contains(port);
            assertThat(env(container).get("SERVER_PORT")).as("%s SERVER_PORT", service).isEqualTo(Integer.toString(port));
            assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        }
        // the probes exist only because the platform enables Boot's probe groups
        assertThat(path(yaml(ROOT.resolve("shop-platform/src/main/resources/shop-platform.yml")),
                "management", "endpoint", "health", "probes", "enabled")).isEqualTo(true);

        Map<String, Object> projectorConfig = applicationYaml("cache-projector");
        String group = (String) path(projectorConfig, "spring", "kafka", "consumer", "group-id");
        Set<String> topics = Set.of((String) path(projectorConfig, "shop", "projector", "cart-topic"),
                (String) path(projectorConfig, "shop", "projector", "order-topic"));
        Map<String, Object> scaledObject = objects.stream()
                .filter(o -> "ScaledObject".equals(o.get("kind")))
                .filter(o -> "cache-projector".equals(path(o, "spec", "scaleTargetRef", "name")))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) path(scaledObject, "spec", "triggers");
        assertThat(triggers).allSatisfy(trigger -> {
            assertThat(trigger.get("type")).isEqualTo("kafka");
            assertThat(path(trigger, "metadata", "consumerGroup")).isEqualTo(group);
        });
        assertThat(triggers.stream().map(t -> (String) path(t, "metadata", "topic")).collect(Collectors.toSet()))
                .isEqualTo(topics);

        Map<String, Object> shopConfig = objects.stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")))
                .filter(o -> ((String) path(o, "metadata", "name")).startsWith("shop-config"))
                .findFirst().orElseThrow();
        assertThat(Set.of(path(shopConfig, "data", "SHOP_PROJECTOR_CART_TOPIC"), path(shopConfig, "data", "SHOP_PROJECTOR_ORDER_TOPIC")))
                .isEqualTo(topics);
    }

    private static List<Map<String, Object>> render(String overlay) throws IOException, InterruptedException {
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve("infra/k8s/overlays/" + overlay).toString())
                .redirectErrorStream(true).start();
        String rendered;
        try (InputStream out = kustomize.getInputStream()) {
            rendered = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(kustomize.waitFor()).as(rendered).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) document;
            objects.add(object);
        }
        return objects;
    }

    private static Map<String, Object> applicationYaml(String module) throws IOException {
        return yaml(ROOT.resolve(module + "/src/main/resources/application.yml"));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> objects, String name) {
        return objects.stream().filter(o -> "Deployment".equals(o.get("kind")))
                .filter(o -> name.equals(path(o, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = (List<Map<String, Object>>) path(deployment, "spec", "template", "spec", "containers");
        return containers.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> ports(Map<String, Object> container) {
        return ((List<Map<String, Object>>) container.get("ports")).stream().map(p -> (Integer) p.get("containerPort")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Map<String, Object> container) {
        return ((List<Map<String, Object>>) container.getOrDefault("env", List.of())).stream()
                .filter(e -> e.get("value") != null)
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> String.valueOf(e.get("value"))));
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
