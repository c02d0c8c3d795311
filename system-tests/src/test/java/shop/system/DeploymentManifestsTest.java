package shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;
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

    /**
     * KEDA's kafka triggers in Kubernetes and the autoscaler's keda mode run on one set of parameters:
     * the autoscaler's application.yml ({@code shop.autoscaler.keda.*}) as the overlay's shop-config
     * ConfigMap overrides it through the environment.
     */
    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "prod"})
    void theKafkaTriggersCarryTheAutoscalersKedaParameters(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);
        Map<String, Object> autoscaler = applicationYaml("autoscaler");
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) path(objects.stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")))
                .filter(o -> ((String) path(o, "metadata", "name")).startsWith("shop-config"))
                .findFirst().orElseThrow(), "data");
        Function<String, String> keda = name -> property(autoscaler, environment, "shop.autoscaler.keda." + name);
        Map<String, Object> scaledObject = objects.stream()
                .filter(o -> "ScaledObject".equals(o.get("kind")))
                .filter(o -> "cache-projector".equals(path(o, "spec", "scaleTargetRef", "name")))
                .findFirst().orElseThrow();

        assertThat(String.valueOf(path(scaledObject, "spec", "minReplicaCount"))).isEqualTo(keda.apply("min-replica-count"));
        assertThat(String.valueOf(path(scaledObject, "spec", "maxReplicaCount"))).isEqualTo(keda.apply("max-replica-count"));
        assertThat(seconds(path(scaledObject, "spec", "pollingInterval"))).isEqualTo(DurationStyle.detectAndParse(keda.apply("polling-interval")));
        assertThat(seconds(path(scaledObject, "spec", "cooldownPeriod"))).isEqualTo(DurationStyle.detectAndParse(keda.apply("cooldown-period")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) path(scaledObject, "spec", "triggers");
        assertThat(triggers).isNotEmpty().allSatisfy(trigger -> {
            for (String name : List.of("lagThreshold", "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers",
                    "limitToPartitionsWithLag", "scaleToZeroOnInvalidOffset", "excludePersistentLag")) {
                String kebab = name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
                assertThat(String.valueOf(path(trigger, "metadata", name))).as("%s %s", trigger.get("name"), name)
                        .isEqualToIgnoringCase(keda.apply(kebab));
            }
        });
        // the HPA behaviour the keda mode reproduces, spelled out in the ScaledObject
        @SuppressWarnings("unchecked")
        Map<String, Object> behavior = (Map<String, Object>) path(scaledObject, "spec", "advanced", "horizontalPodAutoscalerConfig", "behavior");
        assertThat(seconds(path(behavior, "scaleUp", "stabilizationWindowSeconds")))
                .isEqualTo(DurationStyle.detectAndParse(keda.apply("hpa.scale-up-stabilization-window")));
        assertThat(seconds(path(behavior, "scaleDown", "stabilizationWindowSeconds")))
                .isEqualTo(DurationStyle.detectAndParse(keda.apply("hpa.scale-down-stabilization-window")));
        assertThat(policies(behavior, "scaleUp")).containsOnly(
                Map.entry("Percent", keda.apply("hpa.scale-up-percent") + "/" + DurationStyle.detectAndParse(keda.apply("hpa.scale-up-period")).toSeconds()),
                Map.entry("Pods", keda.apply("hpa.scale-up-pods") + "/" + DurationStyle.detectAndParse(keda.apply("hpa.scale-up-period")).toSeconds()));
        assertThat(policies(behavior, "scaleDown")).containsOnly(
                Map.entry("Percent", keda.apply("hpa.scale-down-percent") + "/" + DurationStyle.detectAndParse(keda.apply("hpa.scale-down-period")).toSeconds()));
    }

    /** A property as the application sees it: the environment (Spring's relaxed names) over the YAML, placeholders resolved. */
    private static String property(Map<String, Object> yaml, Map<String, Object> environment, String key) {
        String upper = key.toUpperCase(Locale.ROOT).replace('.', '_');
        Object value = environment.containsKey(upper.replace("-", "_")) ? environment.get(upper.replace("-", "_"))
                : environment.containsKey(upper.replace("-", "")) ? environment.get(upper.replace("-", ""))
                : path(yaml, key.split("\\."));
        assertThat(value).as(key).isNotNull();
        Matcher placeholder = Pattern.compile("\\$\\{([^}:]+)}").matcher(String.valueOf(value));
        return placeholder.matches() ? property(yaml, environment, placeholder.group(1)) : String.valueOf(value);
    }

    private static Duration seconds(Object value) {
        return Duration.ofSeconds(((Number) value).longValue());
    }

    /** A behaviour's policies as type -> "value/periodSeconds". */
    @SuppressWarnings("unchecked")
    private static Map<String, String> policies(Map<String, Object> behavior, String direction) {
        return ((List<Map<String, Object>>) path(behavior, direction, "policies")).stream()
                .collect(Collectors.toMap(p -> (String) p.get("type"), p -> p.get("value") + "/" + p.get("periodSeconds")));
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
