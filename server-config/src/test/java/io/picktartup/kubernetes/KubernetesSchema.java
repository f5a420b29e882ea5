package io.picktartup.kubernetes;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates Kubernetes objects against the Kubernetes API's schema as client-java's generated types carry it
 * (client-java-api 25.0.0, generated from the OpenAPI document of Kubernetes 1.34): every field must exist in the
 * object's type (a typo is refused, as {@code kubectl apply --validate=strict} refuses it), every value must have its
 * field's JSON type (an integer, not a quoted number), required fields must be there, and {@code apiVersion}/{@code
 * kind} must name a known pair. Offline: the schema is in the jar. Then the type's own generated check
 * ({@code validateJsonElement}) runs as a second opinion.
 */
final class KubernetesSchema {

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", V1Namespace.class),
            Map.entry("v1/ServiceAccount", V1ServiceAccount.class),
            Map.entry("v1/ConfigMap", V1ConfigMap.class),
            Map.entry("v1/Secret", V1Secret.class),
            Map.entry("v1/Service", V1Service.class),
            Map.entry("apps/v1/Deployment", V1Deployment.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", V1Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding.class),
            Map.entry("networking.k8s.io/v1/Ingress", V1Ingress.class),
            Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class));

    private static final Gson GSON = new Gson();

    private KubernetesSchema() {
    }

    /** The problems of one object (a YAML document as SnakeYAML loads it), each naming its path; empty when valid. */
    static List<String> problems(Object document) {
        var problems = new ArrayList<String>();
        if (!(document instanceof Map<?, ?> object)) {
            problems.add("$: a Kubernetes object must be a mapping");
            return problems;
        }
        String key = object.get("apiVersion") + "/" + object.get("kind");
        Class<?> type = KINDS.get(key);
        if (type == null) {
            problems.add("$: unknown apiVersion/kind " + key + " (known: " + KINDS.keySet() + ")");
            return problems;
        }
        JsonElement json = GSON.toJsonTree(document);
        check(json, type, "$", problems);
        if (problems.isEmpty()) {
            try {
                type.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                problems.add("$: " + cause.getMessage());
            }
        }
        return problems;
    }

    private static void check(JsonElement value, Type type, String path, List<String> problems) {
        if (value == null || value.isJsonNull()) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            var raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                if (!value.isJsonArray()) {
                    problems.add(path + ": must be a list");
                    return;
                }
                var array = value.getAsJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    check(array.get(i), arguments[0], path + "[" + i + "]", problems);
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                if (!value.isJsonObject()) {
                    problems.add(path + ": must be a mapping");
                    return;
                }
                for (var entry : value.getAsJsonObject().entrySet()) {
                    check(entry.getValue(), arguments[1], path + "." + entry.getKey(), problems);
                }
            }
            return;
        }
        var cls = (Class<?>) type;
        if (cls == String.class || cls == OffsetDateTime.class || cls == byte[].class) {
            expect(value.isJsonPrimitive() && value.getAsJsonPrimitive().isString(), path, "a string", problems);
        } else if (cls == Integer.class || cls == Long.class) {
            boolean integral = value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                    && new BigDecimal(value.getAsString()).stripTrailingZeros().scale() <= 0;
            expect(integral, path, "an integer", problems);
        } else if (cls == Double.class || cls == Float.class || cls == BigDecimal.class) {
            expect(value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber(), path, "a number", problems);
        } else if (cls == Boolean.class) {
            expect(value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean(), path, "true or false", problems);
        } else if (cls == IntOrString.class || cls == Quantity.class) {
            boolean scalar = value.isJsonPrimitive() && !value.getAsJsonPrimitive().isBoolean();
            expect(scalar, path, "an integer or a string", problems);
        } else if (cls == Object.class) {
            // free-form (e.g. a JSON schema inside a CRD): anything goes
        } else if (cls.getPackageName().equals(V1Deployment.class.getPackageName())) {
            if (!value.isJsonObject()) {
                problems.add(path + ": must be a mapping (" + cls.getSimpleName() + ")");
                return;
            }
            checkObject(value.getAsJsonObject(), cls, path, problems);
        } else {
            problems.add(path + ": no rule for " + cls.getName() + " in this checker");
        }
    }

    private static void checkObject(JsonObject object, Class<?> type, String path, List<String> problems) {
        Map<String, Field> fields = fields(type);
        for (var entry : object.entrySet()) {
            Field field = fields.get(entry.getKey());
            if (field == null) {
                problems.add(path + "." + entry.getKey() + ": unknown field (" + type.getSimpleName() + " has "
                        + fields.keySet().stream().sorted().toList() + ")");
                continue;
            }
            check(entry.getValue(), field.getGenericType(), path + "." + entry.getKey(), problems);
        }
        for (String required : requiredFields(type)) {
            if (!object.has(required) || object.get(required).isJsonNull()) {
                problems.add(path + "." + required + ": required (" + type.getSimpleName() + ")");
            }
        }
    }

    private static final Map<Class<?>, Map<String, Field>> FIELDS = new HashMap<>();

    private static synchronized Map<String, Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            var byName = new HashMap<String, Field>();
            for (Field field : t.getDeclaredFields()) {
                SerializedName name = field.getAnnotation(SerializedName.class);
                if (name != null && !Modifier.isStatic(field.getModifiers())) {
                    byName.put(name.value(), field);
                }
            }
            return byName;
        });
    }

    @SuppressWarnings("unchecked")
    private static Set<String> requiredFields(Class<?> type) {
        try {
            return (Set<String>) type.getField("openapiRequiredFields").get(null);
        } catch (ReflectiveOperationException e) {
            return Set.of();
        }
    }

    private static void expect(boolean ok, String path, String what, List<String> problems) {
        if (!ok) {
            problems.add(path + ": must be " + what);
        }
    }
}
