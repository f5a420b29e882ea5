package io.picktartup.kubernetes;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests (server-config/src/main/k8s): valid against the Kubernetes 1.34 schema (offline, see
 * {@link KubernetesSchema}), wired to each other (selectors, names, ports, probes, discovery), carrying every setting
 * of the code in the ConfigMap or the Secret, with placeholders only in the Secret. And the checker refuses what the
 * API server would refuse.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("src/main/k8s");
    private static final Path PROJECT = Path.of("..");
    private static final String NAMESPACE = "picktartup";

    /** Settings that are no production setting: fault injection and test fixtures (docs/configuration.md). */
    private static final Set<String> TEST_ONLY = Set.of(
            "PICKTARTUP_CHAIN_FAULT_HALT_AFTER_SIGN", "PICKTARTUP_CHAIN_FAULT_HALT_AFTER_BROADCAST",
            "PICKTARTUP_SETTLEMENT_FAULT_HALT_AT", "PICKTARTUP_SETTLEMENT_FAULT_ROUNDS",
            "PICKTARTUP_NEWS_ALLOWED_PRIVATE_TARGETS", "PICKTARTUP_FAULT_FILE");

    /** What a setting's name says is a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(_KEY|_PASSWORD|_PASSWORD_HASH|_SECRET|(?<!_PER)_TOKEN|_SALT)$");

    /** Named like a secret but public: PortOne's channel key goes to every browser that opens the payment window. */
    private static final Set<String> PUBLIC = Set.of("PICKTARTUP_PAYMENT_CHANNEL_KEY");

    private static final Map<String, List<Map<String, Object>>> BY_FILE = new HashMap<>();
    private static final List<Map<String, Object>> ALL = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                var documents = new ArrayList<Map<String, Object>>();
                for (Object document : yaml().loadAll(Files.readString(file))) {
                    if (document != null) {
                        documents.add(map(document));
                    }
                }
                BY_FILE.put(file.getFileName().toString(), documents);
                ALL.addAll(documents);
            }
        }
        assertThat(ALL).as("manifests in " + MANIFESTS.toAbsolutePath()).isNotEmpty();
    }

    @Test
    void everyManifestIsValidAgainstTheKubernetesSchema() {
        for (var entry : BY_FILE.entrySet()) {
            for (var document : entry.getValue()) {
                assertThat(KubernetesSchema.problems(document))
                        .as(entry.getKey() + ": " + document.get("kind") + " " + name(document)).isEmpty();
            }
        }
        var kinds = ALL.stream().map(d -> (String) d.get("kind")).toList();
        assertThat(kinds).contains("Namespace", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret",
                "Deployment", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler");
        for (var document : ALL) {
            if (!"Namespace".equals(document.get("kind"))) {
                assertThat(path(document, "metadata.namespace")).as(name(document) + "'s namespace").isNotNull();
            }
        }
    }

    @Test
    void theCheckerRefusesABrokenManifest() throws IOException {
        String deployment = Files.readString(MANIFESTS.resolve("40-deployment.yaml"));
        assertThat(KubernetesSchema.problems(yaml().load(deployment))).isEmpty();

        // a typo'd field, deep inside the pod template
        assertThat(KubernetesSchema.problems(yaml().load(deployment.replace("imagePullPolicy:", "imagePullPolicyy:"))))
                .singleElement().asString()
                .startsWith("$.spec.template.spec.containers[0].imagePullPolicyy: unknown field (V1Container");
        // a wrong type: a quoted number where the schema has an integer, a mapping where it has a list
        assertThat(KubernetesSchema.problems(yaml().load(deployment.replace("replicas: 3", "replicas: \"3\""))))
                .containsExactly("$.spec.replicas: must be an integer");
        assertThat(KubernetesSchema.problems(yaml().load(deployment.replace("drop: [\"ALL\"]", "drop: ALL"))))
                .containsExactly("$.spec.template.spec.containers[0].securityContext.capabilities.drop: must be a list");
        assertThat(KubernetesSchema.problems(yaml().load(deployment.replace("periodSeconds: 5", "periodSeconds: five"))))
                .containsExactly("$.spec.template.spec.containers[0].startupProbe.periodSeconds: must be an integer");
        // a required field missing: the container's name
        assertThat(KubernetesSchema.problems(yaml().load(deployment.replace("- name: payara\n", "- \n"))))
                .anyMatch(p -> p.equals("$.spec.template.spec.containers[0].name: required (V1Container)"));
        // an apiVersion the kind does not have
        assertThat(KubernetesSchema.problems(yaml().load(deployment.replace("apiVersion: apps/v1", "apiVersion: v1"))))
                .singleElement().asString().startsWith("$: unknown apiVersion/kind v1/Deployment");
        // ConfigMap data are strings: an unquoted number is refused, as the API server refuses it
        String config = Files.readString(MANIFESTS.resolve("20-configmap.yaml"));
        assertThat(KubernetesSchema.problems(yaml().load(config.replace("DB_PORT: \"5432\"", "DB_PORT: 5432"))))
                .containsExactly("$.data.DB_PORT: must be a string");
    }

    @Test
    void theObjectsAreWiredToEachOther() {
        var deployment = one("Deployment", "picktartup");
        Map<String, Object> podLabels = map(path(deployment, "spec.template.metadata.labels"));
        assertThat(map(path(deployment, "spec.selector.matchLabels"))).isEqualTo(podLabels);
        var pod = map(path(deployment, "spec.template.spec"));
        var container = map(list(pod.get("containers")).get(0));

        // every selector picks the pods
        for (var kindAndName : List.of(List.of("Service", "picktartup"), List.of("Service", "picktartup-datagrid"))) {
            assertThat(podLabels).containsAllEntriesOf(map(path(one(kindAndName.get(0), kindAndName.get(1)),
                    "spec.selector")));
        }
        assertThat(podLabels).containsAllEntriesOf(
                map(path(one("PodDisruptionBudget", "picktartup"), "spec.selector.matchLabels")));
        var hpa = one("HorizontalPodAutoscaler", "picktartup");
        assertThat(path(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
        assertThat(path(hpa, "spec.scaleTargetRef.name")).isEqualTo("picktartup");
        assertThat((Integer) path(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(2);
        assertThat(path(container, "resources.requests.cpu")).as("the HPA's utilisation needs a CPU request")
                .isNotNull();

        // ports by name: the Services' target ports exist on the container
        var containerPorts = new HashMap<String, Integer>();
        list(container.get("ports")).forEach(p -> containerPorts.put((String) map(p).get("name"),
                (Integer) map(p).get("containerPort")));
        for (var service : all("Service")) {
            for (Object port : list(path(service, "spec.ports"))) {
                assertThat(containerPorts).containsKey((String) map(port).get("targetPort"));
            }
        }
        var ingressBackend = map(path(map(list(path(map(list(path(one("Ingress", "picktartup"), "spec.rules")).get(0)),
                "http.paths")).get(0)), "backend.service"));
        assertThat(one("Service", (String) ingressBackend.get("name"))).isNotNull();

        // probes on MicroProfile Health
        assertThat(path(container, "readinessProbe.httpGet.path")).isEqualTo("/health/ready");
        assertThat(path(container, "livenessProbe.httpGet.path")).isEqualTo("/health/live");
        assertThat(path(container, "startupProbe.httpGet.path")).isEqualTo("/health/live");

        // the Data Grid: Kubernetes discovery through the headless Service, in the pod's namespace, allowed by RBAC
        List<Object> args = list(container.get("args"));
        assertThat(args).containsSubsequence("--clustermode", "kubernetes:$(POD_NAMESPACE),picktartup-datagrid");
        assertThat(args).doesNotContain("--nohazelcast", "--nocluster");
        var datagrid = one("Service", "picktartup-datagrid");
        assertThat(path(datagrid, "spec.clusterIP")).isEqualTo("None");
        assertThat(map(list(path(datagrid, "spec.ports")).get(0)).get("port"))
                .isEqualTo(containerPorts.get("hazelcast"))
                .isEqualTo(Integer.valueOf((String) args.get(args.indexOf("--startport") + 1)));
        var env = list(container.get("env")).stream().map(KubernetesManifestsTest::map)
                .filter(e -> "POD_NAMESPACE".equals(e.get("name"))).findFirst().orElseThrow();
        assertThat(path(env, "valueFrom.fieldRef.fieldPath")).isEqualTo("metadata.namespace");
        assertThat(pod.get("serviceAccountName")).isEqualTo("picktartup");
        var binding = one("RoleBinding", "picktartup-datagrid-discovery");
        assertThat(map(list(binding.get("subjects")).get(0))).containsEntry("name", "picktartup")
                .containsEntry("namespace", NAMESPACE);
        var role = one("Role", (String) path(binding, "roleRef.name"));
        assertThat(list(role.get("rules")).stream().map(KubernetesManifestsTest::map)
                .filter(r -> list(r.get("resources")).contains("endpoints")).findFirst().orElseThrow())
                .satisfies(r -> assertThat(list(r.get("verbs"))).contains("get", "list"));

        // settings from the ConfigMap and the Secret; Prometheus finds the pods and sends the token
        var sources = list(container.get("envFrom")).stream().map(KubernetesManifestsTest::map).toList();
        assertThat(sources).anyMatch(s -> "picktartup-config".equals(path(s, "configMapRef.name")));
        assertThat(sources).anyMatch(s -> "picktartup-secrets".equals(path(s, "secretRef.name")));
        Map<String, Object> annotations = map(path(deployment, "spec.template.metadata.annotations"));
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/metrics")
                .containsEntry("prometheus.io/port", String.valueOf(containerPorts.get("http")));
        assertThat((String) path(one("ConfigMap", "picktartup-scrape"), "data.picktartup-scrape.yml"))
                .contains("kubernetes_sd_configs", "credentials_file", "names: [" + NAMESPACE + "]");

        // the heap fits the memory limit with room for metaspace, code cache, threads and native buffers
        String jvm = (String) path(one("ConfigMap", "picktartup-config"), "data.JDK_JAVA_OPTIONS");
        var xmx = Pattern.compile("-Xmx(\\d+)m").matcher(jvm);
        assertThat(xmx.find()).isTrue();
        long limitMiB = mebibytes((String) path(container, "resources.limits.memory"));
        assertThat(Long.parseLong(xmx.group(1)) + 256 + 96 + 128).isLessThanOrEqualTo(limitMiB);
        assertThat(mebibytes((String) path(container, "resources.requests.memory"))).isEqualTo(limitMiB);
    }

    @Test
    void everySettingOfTheCodeIsInTheConfigMapOrTheSecretAndSecretsOnlyInTheSecret() throws IOException {
        Set<String> config = map(path(one("ConfigMap", "picktartup-config"), "data")).keySet();
        Map<String, Object> secret = map(one("Secret", "picktartup-secrets").get("stringData"));

        Set<String> read = settingsReadByTheCode();
        assertThat(read).as("settings found in the code").hasSizeGreaterThan(80)
                .contains("PICKTARTUP_CHAIN_RELAYER_KEY", "DB_PASSWORD", "PICKTARTUP_HTTP_SECURE_COOKIE");
        var missing = new TreeSet<String>(read);
        missing.removeAll(config);
        missing.removeAll(secret.keySet());
        missing.removeAll(TEST_ONLY);
        missing.removeAll(documentedAsTestOnly());
        assertThat(missing).as("settings of the code in neither picktartup-config (20-configmap.yaml) nor "
                + "picktartup-secrets (30-secret.yaml): add them there and to docs/configuration.md").isEmpty();

        for (String key : config) {
            assertThat(SECRET_NAME.matcher(key).find() && !PUBLIC.contains(key)).as(key + " looks like a secret: it belongs in the Secret")
                    .isFalse();
        }
        for (var entry : secret.entrySet()) {
            assertThat(SECRET_NAME.matcher(entry.getKey()).find()).as(entry.getKey() + " in the Secret").isTrue();
            assertThat((String) entry.getValue()).as("the Secret holds placeholders only: " + entry.getKey())
                    .isIn("", "CHANGE-ME");
        }
        for (var other : all("Secret")) {
            Map<String, Object> values = map(other.getOrDefault("stringData", Map.of()));
            assertThat(values.values()).allMatch(v -> "CHANGE-ME".equals(v) || "".equals(v));
            assertThat(other).doesNotContainKey("data");
        }
        assertThat(config).doesNotContainAnyElementsOf(TEST_ONLY);
        assertThat(map(path(one("ConfigMap", "picktartup-config"), "data")))
                .containsEntry("PICKTARTUP_CLOCK_ADJUSTABLE", "false");
    }

    /**
     * The environment variables of every MicroProfile Config property the code reads ({@code @ConfigProperty} names
     * and {@code getValue}/{@code getOptionalValue} of literal names), and of the server resources' asadmin script.
     */
    private static Set<String> settingsReadByTheCode() throws IOException {
        var properties = new TreeSet<String>();
        var annotation = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([a-z0-9.-]+)\"");
        var lookup = Pattern.compile("get(?:Optional)?Value\\(\\s*\"(picktartup\\.[a-z0-9.-]+)\"");
        for (String module : List.of("picktartup-ejb", "picktartup-batch", "picktartup-web")) {
            Path sources = PROJECT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    for (var pattern : List.of(annotation, lookup)) {
                        pattern.matcher(text).results().map(m -> m.group(1))
                                .filter(p -> p.startsWith("picktartup.") && !p.endsWith("."))  // a prefix: per-job keys
                                .forEach(properties::add);
                    }
                }
            }
        }
        var variables = new TreeSet<String>();
        properties.forEach(p -> variables.add(p.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")));
        String asadmin = Files.readString(Path.of("src/main/resources/io/picktartup/launcher/post-boot.asadmin"));
        Pattern.compile("\\$\\{ENV=([A-Z_]+)}").matcher(asadmin).results().map(m -> m.group(1))
                .forEach(variables::add);
        return variables;
    }

    /** The variables whose row in docs/configuration.md says they are for tests only. */
    private static Set<String> documentedAsTestOnly() throws IOException {
        var names = new TreeSet<String>();
        var variable = Pattern.compile("PICKTARTUP_[A-Z0-9_]+");
        for (String line : Files.readAllLines(PROJECT.resolve("docs/configuration.md"))) {
            if (line.startsWith("|") && (line.contains("tests only") || line.contains("test fixtures only"))) {
                variable.matcher(line).results().map(m -> m.group()).forEach(names::add);
            }
        }
        return names;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Map<String, Object> one(String kind, String name) {
        return all(kind).stream().filter(d -> name.equals(name(d))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + MANIFESTS));
    }

    private static List<Map<String, Object>> all(String kind) {
        return ALL.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static String name(Map<String, Object> document) {
        return (String) path(document, "metadata.name");
    }

    private static Object path(Map<String, Object> object, String dotted) {
        Object current = object;
        String rest = dotted;
        while (current != null && !rest.isEmpty()) {
            Map<String, Object> here = map(current);
            // a key may itself hold dots (e.g. picktartup-scrape.yml): take the longest present
            String key = rest;
            while (!here.containsKey(key) && key.contains(".")) {
                key = key.substring(0, key.lastIndexOf('.'));
            }
            current = here.get(key);
            rest = rest.length() > key.length() ? rest.substring(key.length() + 1) : "";
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        throw new AssertionError("unexpected memory quantity " + quantity);
    }
}
