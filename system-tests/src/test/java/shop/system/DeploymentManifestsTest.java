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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests, as Kustomize renders them, agree with what the applications are configured
 * with (ports, health probe paths, the projector's topics and consumer group), with the images
 * {@code ./shop images} builds and the ECR repositories Terraform creates, and carry the PodDisruptionBudgets
 * and CPU autoscaling of the services. It fails when either side drifts.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> WORKLOADS = List.of("cart-service", "order-service", "cache-projector", "autoscaler");

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "prod"})
    void theManifestsAgreeWithTheApplicationsConfiguration(String overlay) throws Exception {
        List<Map<String, Object>> objects = render(overlay);

        for (String service : List.of("cart-service", "order-service")) {
            int port = (Integer) path(applicationYaml(service), "server", "port");
            assertServesHttpWithProbes(objects, service, port);
            assertThat(servicePort(objects, service)).as("%s Service port", service).isEqualTo(port);
            assertCpuAutoscaled(objects, service);
        }
        // the probes exist only because the platform enables Boot's probe groups
        assertThat(path(yaml(ROOT.resolve("shop-platform/src/main/resources/shop-platform.yml")),
                "management", "endpoint", "health", "probes", "enabled")).isEqualTo(true);

        // the autoscaler does not use the platform: on Kubernetes, Boot enables the probe groups by itself
        // unless they are switched off
        int autoscalerPort = autoscalerPort();
        assertServesHttpWithProbes(objects, "autoscaler", autoscalerPort);
        assertThat(servicePort(objects, "autoscaler")).as("autoscaler Service port").isEqualTo(autoscalerPort);
        autoscalerYaml().ifPresent(config -> assertThat(
                path(config, "management", "endpoint", "health", "probes", "enabled")).isNotEqualTo(false));

        for (String workload : WORKLOADS) {
            Map<String, Object> deployment = deployment(objects, workload);
            assertThat(named(objects, "PodDisruptionBudget", workload)).as("PodDisruptionBudget of %s", workload)
                    .satisfies(pdb -> assertThat(path(pdb, "spec", "selector", "matchLabels"))
                            .isEqualTo(path(deployment, "spec", "selector", "matchLabels")));
            // the image ./shop images builds and the ecr module creates a repository for
            assertThat((String) container(deployment).get("image")).as("%s image", workload)
                    .isEqualTo("REGISTRY/shop-es/" + workload + ":TAG");
            assertThat(builtImages()).as("images built by infra/images.sh").contains(workload);
            assertThat(ecrRepositories()).as("ecr module repositories").contains(workload);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> envFrom = (List<Map<String, Object>>) container(deployment).get("envFrom");
            assertThat(envFrom).as("%s envFrom", workload).anySatisfy(source ->
                    assertThat((String) path(source, "configMapRef", "name")).startsWith("shop-config"));
            // one that listens on loopback by default must be told to listen where probes and KEDA reach it
            if (path(applicationYaml(workload), "server", "address") != null) {
                assertThat(env(container(deployment)).get("SERVER_ADDRESS")).as("%s SERVER_ADDRESS", workload).isEqualTo("0.0.0.0");
            }
        }

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
        // every workload reads Kafka's address (and the autoscaler nothing else) from shop-config
        assertThat((String) path(shopConfig, "data", "SPRING_KAFKA_BOOTSTRAP_SERVERS")).isNotBlank();
        // order-service creates the cart topic when it starts first: with as many partitions as the relay's
        assertThat(path(shopConfig, "data", "SHOP_CHECKOUT_PARTITIONS")).as("SHOP_CHECKOUT_PARTITIONS")
                .isEqualTo(path(shopConfig, "data", "SHOP_RELAY_PARTITIONS"))
                .isEqualTo(path(shopConfig, "data", "SHOP_PROJECTOR_PARTITIONS"));
        // tokens are checked against the identity provider's keys: the local dev issuer's default reaches none
        assertThat((String) path(shopConfig, "data", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI")).isNotBlank();
        // and Terraform, which merges the real values into shop-config, sets both
        assertThat(Files.readString(ROOT.resolve("terraform/modules/shop/main.tf")))
                .contains("\"SHOP_CHECKOUT_PARTITIONS=${var.partitions}\"", "\"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI=");
    }

    @Test
    void predictiveScalingAsksTheAutoscalerService() throws Exception {
        List<Map<String, Object>> objects = render("dev-predictive");
        Map<String, Object> scaledObject = named(objects, "ScaledObject", "cache-projector-predictive");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) path(scaledObject, "spec", "triggers");
        String namespace = (String) path(named(objects, "Service", "autoscaler"), "metadata", "namespace");
        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(trigger.get("type")).isEqualTo("metrics-api");
            assertThat(path(trigger, "metadata", "url")).isEqualTo("http://autoscaler." + namespace + ".svc.cluster.local:"
                    + servicePort(objects, "autoscaler") + "/api/autoscaler");
        });
        assertThat(objects).noneMatch(o -> "ScaledObject".equals(o.get("kind"))
                && "cache-projector".equals(path(o, "metadata", "name")));
    }

    /**
     * The replay Job (a component no overlay lists) connects as the services do: ElastiCache as a Redis Cluster
     * over TLS, MSK with the services' SASL settings, which shop-tools reads from the same variables, and every
     * {@code $(VAR)} it builds a value from is set.
     */
    @Test
    void theReplayJobReachesRedisAndKafkaAsTheServicesDo() throws Exception {
        // kustomize takes only relative paths: an overlay with the component, in this module's target
        Path overlay = Path.of("target", "replay-overlay");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../../infra/k8s/overlays/prod
                components:
                  - ../../../infra/k8s/components/replay
                """);
        List<Map<String, Object>> objects = render(overlay);
        Map<String, Object> job = named(objects, "Job", "replay-rebuild");
        // where shop-config and shop-secrets are: the base's namespace does not reach a component
        assertThat(path(job, "metadata", "namespace")).isEqualTo(path(deployment(objects, "cart-service"), "metadata", "namespace"));
        @SuppressWarnings("unchecked")
        Map<String, Object> container = ((List<Map<String, Object>>) path(job, "spec", "template", "spec", "containers")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> shopConfig = (Map<String, Object>) path(objects.stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")))
                .filter(o -> ((String) path(o, "metadata", "name")).startsWith("shop-config"))
                .findFirst().orElseThrow(), "data");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> envFrom = (List<Map<String, Object>>) container.get("envFrom");
        assertThat(envFrom).anySatisfy(source -> assertThat((String) path(source, "configMapRef", "name")).startsWith("shop-config"));

        Map<String, String> values = env(container);
        assertThat(values).containsEntry("SHOP_REDIS_CLUSTER", "true");
        assertThat(values.get("SHOP_REDIS_URI")).startsWith("rediss://").contains("$(SPRING_DATA_REDIS_CLUSTER_NODES)");
        assertThat(shopConfig).containsKeys("SPRING_DATA_REDIS_CLUSTER_NODES", "SPRING_KAFKA_SECURITY_PROTOCOL",
                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM");
        assertThat(secretEnv(container)).as("the Job's credentials: at least the services'")
                .containsAll(secretEnv(container(deployment(objects, "cart-service"))));
        Matcher reference = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)").matcher(String.join(" ", values.values()));
        while (reference.find()) {
            assertThat(shopConfig.containsKey(reference.group(1)) || secretEnv(container).contains(reference.group(1))
                    || values.containsKey(reference.group(1))).as("$(%s) is set", reference.group(1)).isTrue();
        }
    }

    /** Container port and SERVER_PORT, and the probes on Boot's health groups through that port. */
    private static void assertServesHttpWithProbes(List<Map<String, Object>> objects, String name, int port) {
        Map<String, Object> container = container(deployment(objects, name));
        assertThat(ports(container)).as("%s containerPort", name).contains(port);
        assertThat(env(container).get("SERVER_PORT")).as("%s SERVER_PORT", name).isEqualTo(Integer.toString(port));
        assertThat(path(container, "startupProbe", "httpGet", "path")).as("%s startupProbe", name).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "livenessProbe", "httpGet", "path")).as("%s livenessProbe", name).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe", "httpGet", "path")).as("%s readinessProbe", name).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(containerPort(container, path(container, probe, "httpGet", "port"))).as("%s %s port", name, probe).isEqualTo(port);
        }
        assertThat(path(container, "resources", "requests", "cpu")).as("%s cpu request (the HPA's 100 %%)", name).isNotNull();
        assertThat(path(container, "resources", "limits", "memory")).as("%s memory limit", name).isNotNull();
    }

    private static void assertCpuAutoscaled(List<Map<String, Object>> objects, String name) {
        Map<String, Object> hpa = named(objects, "HorizontalPodAutoscaler", name);
        assertThat(path(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(path(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(name);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) path(hpa, "spec", "metrics");
        assertThat(metrics).as("%s HPA metrics", name).anySatisfy(metric ->
                assertThat(path(metric, "resource", "name")).isEqualTo("cpu"));
        assertThat(path(deployment(objects, name), "spec", "replicas")).as("%s replicas: the HPA owns them", name).isNull();
    }

    /** The autoscaler's port: its application.yml once it has one, else the port it is specified to use. */
    private static int autoscalerPort() throws IOException {
        return autoscalerYaml().map(config -> (Integer) path(config, "server", "port")).orElse(8080);
    }

    private static Optional<Map<String, Object>> autoscalerYaml() throws IOException {
        Path file = ROOT.resolve("autoscaler/src/main/resources/application.yml");
        return Files.exists(file) ? Optional.of(yaml(file)) : Optional.empty();
    }

    private static int servicePort(List<Map<String, Object>> objects, String name) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ports = (List<Map<String, Object>>) path(named(objects, "Service", name), "spec", "ports");
        Map<String, Object> port = ports.get(0);
        assertThat(containerPort(container(deployment(objects, name)), port.get("targetPort")))
                .as("%s Service targetPort", name).isEqualTo(port.get("port"));
        return (Integer) port.get("port");
    }

    /** A probe's or Service's port, a number or the name of one of the container's ports, as a number. */
    @SuppressWarnings("unchecked")
    private static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return ((List<Map<String, Object>>) container.get("ports")).stream().filter(p -> port.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    /** The image names infra/images.sh builds (its IMAGES table: "name|layout|description"). */
    private static Set<String> builtImages() throws IOException {
        return Pattern.compile("^\\s*\"([a-z-]+)\\|(?:layered|plain)\\|", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("infra/images.sh"))).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
    }

    /** The default repositories of terraform/modules/ecr. */
    private static Set<String> ecrRepositories() throws IOException {
        String variables = Files.readString(ROOT.resolve("terraform/modules/ecr/variables.tf"));
        Matcher list = Pattern
                .compile("variable \"repositories\"[^}]*?default\\s*=\\s*\\[([^]]*)]").matcher(variables);
        assertThat(list.find()).as("repositories default in terraform/modules/ecr/variables.tf").isTrue();
        return Pattern.compile("\"([^\"]+)\"").matcher(list.group(1)).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> named(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")))
                .filter(o -> name.equals(path(o, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
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
        return render(ROOT.resolve("infra/k8s/overlays/" + overlay));
    }

    private static List<Map<String, Object>> render(Path kustomization) throws IOException, InterruptedException {
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
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
        return named(objects, "Deployment", name);
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

    /** Names of the container's variables taken from the Secret shop-secrets. */
    @SuppressWarnings("unchecked")
    private static Set<String> secretEnv(Map<String, Object> container) {
        return ((List<Map<String, Object>>) container.getOrDefault("env", List.of())).stream()
                .filter(e -> "shop-secrets".equals(path(e, "valueFrom", "secretKeyRef", "name")))
                .map(e -> (String) e.get("name")).collect(Collectors.toSet());
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
