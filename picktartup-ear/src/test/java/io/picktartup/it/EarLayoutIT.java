package io.picktartup.it;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EAR as Payara Server needs it: each EJB module once at the top, the skinny WAR (no jars of its own) as the
 * web module at {@code /}, third-party libraries in {@code lib/}, a generated application.xml.
 */
class EarLayoutIT {

    private static final Path EAR = Path.of(System.getProperty("picktartup.ear", "target/picktartup.ear"));

    @Test
    void modulesOnceAndLibrariesInLib() throws IOException {
        List<String> entries = entries();
        assertThat(entries).filteredOn(e -> e.contains("picktartup-ejb")).containsExactly("picktartup-ejb.jar");
        assertThat(entries).filteredOn(e -> e.contains("picktartup-batch")).containsExactly("picktartup-batch.jar");
        assertThat(entries).filteredOn(e -> e.endsWith(".war")).containsExactly("picktartup-web.war");
        assertThat(entries).filteredOn(e -> e.endsWith(".jar") && !e.startsWith("lib/"))
                .containsExactlyInAnyOrder("picktartup-ejb.jar", "picktartup-batch.jar");
        assertThat(entries).anyMatch(e -> e.matches("lib/.*hibernate-core-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/.*flyway-core-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/.*flyway-database-postgresql-.*\\.jar"))
                // the news crawl's feed and HTML parsers
                .anyMatch(e -> e.matches("lib/.*rome-2.*\\.jar"))
                .anyMatch(e -> e.matches("lib/.*jdom2-.*\\.jar"))
                .anyMatch(e -> e.matches("lib/.*jsoup-.*\\.jar"));
        // Payara provides the Jakarta and MicroProfile APIs and the JDBC driver sits in the domain
        assertThat(entries).noneMatch(e -> e.matches("lib/(jakarta\\.|org\\.eclipse\\.microprofile|org\\.postgresql-).*"));
    }

    @Test
    void webModuleCarriesNoJars() throws IOException {
        try (var ear = new ZipFile(EAR.toFile())) {
            var war = new ZipInputStream(new ByteArrayInputStream(
                    ear.getInputStream(ear.getEntry("picktartup-web.war")).readAllBytes()));
            var jars = new ArrayList<String>();
            var classes = new ArrayList<String>();
            for (ZipEntry e = war.getNextEntry(); e != null; e = war.getNextEntry()) {
                if (e.getName().endsWith(".jar")) {
                    jars.add(e.getName());
                }
                if (e.getName().startsWith("WEB-INF/classes/") && e.getName().endsWith(".class")) {
                    classes.add(e.getName());
                }
            }
            assertThat(jars).as("jars inside the web module (they belong in the EAR)").isEmpty();
            assertThat(classes).as("the web module's own classes").isNotEmpty();
        }
    }

    @Test
    void applicationXmlListsTheModules() throws IOException {
        try (var ear = new ZipFile(EAR.toFile())) {
            String xml = new String(ear.getInputStream(ear.getEntry("META-INF/application.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(xml).contains("<ejb>picktartup-ejb.jar</ejb>")
                    .contains("<ejb>picktartup-batch.jar</ejb>")
                    .contains("<web-uri>picktartup-web.war</web-uri>")
                    .contains("<context-root>/</context-root>")
                    .contains("<library-directory>lib</library-directory>");
        }
    }

    private static List<String> entries() throws IOException {
        try (var ear = new ZipFile(EAR.toFile())) {
            return ear.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/")).toList();
        }
    }
}
