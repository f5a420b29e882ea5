package io.picktartup.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image tar Jib wrote (docker-load format): its configuration starts Payara Micro with the platform's WAR as a
 * non-root user, and its layers hold a complete runtime (the jlink'd Java, the dynamic loader and the libraries it
 * needs, CA certificates), Payara Micro, the JDBC driver, the WAR and the server resources' script, and no secret.
 */
class ImageTarTest {

    private record Entry(String path, int mode, long size, char type, byte[] head) {
    }

    private static JsonNode config;
    private static final Map<String, Entry> FILES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        Path tar = Path.of(System.getProperty("image.tar", "target/picktartup-image.tar"));
        assertThat(tar).exists();
        Map<String, byte[]> outer = new HashMap<>();
        try (InputStream in = Files.newInputStream(tar)) {
            readTar(in, (entry, data) -> outer.put(entry.path(), data), Integer.MAX_VALUE);
        }
        var mapper = new ObjectMapper();
        JsonNode manifest = mapper.readTree(outer.get("manifest.json")).get(0);
        config = mapper.readTree(outer.get(manifest.get("Config").asText()));
        assertThat(manifest.get("RepoTags").get(0).asText()).startsWith("picktartup/picktartup:");
        for (JsonNode layer : manifest.get("Layers")) {
            byte[] data = outer.get(layer.asText());
            assertThat(data).as("layer " + layer.asText()).isNotNull();
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 1 << 16)) {
                readTar(in, (entry, head) -> FILES.put(entry.path(), entry), 4096);
            }
        }
    }

    @Test
    void theConfigurationStartsPayaraMicroWithTheWarAsANonRootUser() {
        JsonNode container = config.get("config");
        List<String> entrypoint = texts(container.get("Entrypoint"));
        assertThat(entrypoint).startsWith("/opt/java/bin/java", "-jar", "/opt/payara/payara-micro.jar")
                .containsSubsequence("--deploy", "/opt/picktartup/picktartup.war")
                .containsSubsequence("--postbootcommandfile", "/opt/picktartup/post-boot.asadmin")
                .containsSubsequence("--addlibs", "/opt/payara/postgresql.jar")
                .containsSubsequence("--port", "8080");
        assertThat(texts(container.get("Cmd"))).containsExactly("--nohazelcast");
        assertThat(container.get("User").asText()).isEqualTo("1000:1000");
        assertThat(container.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(container.get("ExposedPorts").has("5900/tcp")).isTrue();
        List<String> env = texts(container.get("Env"));
        assertThat(env).anyMatch(e -> e.startsWith("JDK_JAVA_OPTIONS=") && e.contains("-Xmx"));
        assertThat(env).noneMatch(e -> e.matches("(?i).*(_KEY|PASSWORD|SECRET|_TOKEN)=.*"));
        assertThat(config.get("architecture").asText()).isEqualTo("amd64");
        assertThat(config.get("os").asText()).isEqualTo("linux");
    }

    @Test
    void theLayersHoldARuntimePayaraMicroAndTheApplication() {
        // the runtime: executable java, its own libraries, the loader and the system libraries the JVM links
        assertThat(FILES.get("opt/java/bin/java")).satisfies(e -> assertThat(e.mode() & 0111).isNotZero());
        assertThat(FILES).containsKeys("opt/java/lib/libjli.so", "opt/java/lib/server/libjvm.so",
                "opt/java/lib/modules", "opt/java/lib/security/cacerts", "lib64/ld-linux-x86-64.so.2",
                "lib/x86_64-linux-gnu/libc.so.6", "lib/x86_64-linux-gnu/libstdc++.so.6",
                "lib/x86_64-linux-gnu/libz.so.1", "etc/ssl/certs/ca-certificates.crt", "etc/passwd");
        assertThat(FILES.get("lib64/ld-linux-x86-64.so.2").mode() & 0111).isNotZero();
        assertThat(FILES.get("opt/java/lib/security/cacerts").type()).as("a real file, not Debian's link")
                .isEqualTo('0');
        assertThat(FILES.get("opt/java/lib/security/cacerts").size()).isGreaterThan(50_000);
        assertThat(new String(FILES.get("etc/passwd").head(), StandardCharsets.UTF_8)).contains(":1000:1000:");
        assertThat(FILES.get("tmp/").mode() & 0777).isEqualTo(0777);

        // Payara Micro and the driver: jars
        assertThat(FILES.get("opt/payara/payara-micro.jar").size()).isGreaterThan(50_000_000);
        assertThat(FILES.get("opt/payara/payara-micro.jar").head()).startsWith(0x50, 0x4b, 0x03, 0x04);
        assertThat(FILES.get("opt/payara/postgresql.jar").head()).startsWith(0x50, 0x4b, 0x03, 0x04);

        // the WAR: a zip with the platform's classes and pages
        Entry war = FILES.get("opt/picktartup/picktartup.war");
        assertThat(war.size()).isGreaterThan(1_000_000);
        assertThat(war.head()).startsWith(0x50, 0x4b, 0x03, 0x04);
        assertThat(new String(FILES.get("opt/picktartup/post-boot.asadmin").head(), StandardCharsets.UTF_8))
                .contains("create-jdbc-connection-pool", "${ENV=DB_PASSWORD}");

        // no key material baked in
        assertThat(FILES.keySet()).noneMatch(p -> p.endsWith(".pem") || p.endsWith(".key")
                || p.contains("auth-signing-key") || p.contains("metrics-token"));
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private interface Visitor {
        void visit(Entry entry, byte[] data) throws IOException;
    }

    /** A plain reader of ustar/PAX archives: each entry's header and up to {@code keep} bytes of its content. */
    private static void readTar(InputStream in, Visitor visitor, int keep) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = text(header, 0, 100);
            int mode = (int) octal(header, 100, 8);
            long size = octal(header, 124, 12);
            char type = (char) (header[156] == 0 ? '0' : header[156]);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long padded = (size + 511) / 512 * 512;
            byte[] data = in.readNBytes((int) Math.min(size, keep));
            in.skipNBytes(padded - data.length);
            if (type == 'x') {
                // PAX extended header: "<len> path=<name>\n" records
                for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
                    int space = record.indexOf(' ');
                    if (space > 0 && record.startsWith("path=", space + 1)) {
                        longName = record.substring(space + 6);
                    }
                }
                continue;
            }
            if (type == 'L') {
                longName = new String(data, StandardCharsets.UTF_8).trim();
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            if (name.startsWith("./")) {
                name = name.substring(2);
            } else if (name.startsWith("/")) {
                name = name.substring(1);
            }
            visitor.visit(new Entry(name, mode, size, type, data), data);
        }
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] bytes, int offset, int length) {
        String value = text(bytes, offset, length).trim();
        return value.isEmpty() ? 0 : Long.parseLong(value, 8);
    }
}
