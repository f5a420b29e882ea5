package io.picktartup.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.picktartup.platform.entity.Tables;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No hidden arrows: a component's SQL (native or JPQL, as compiled into its classes' string constants) names only its
 * own tables and entities, and reads another component's data only through a read model the owner declares with
 * {@link Tables} on its entity package. ArchUnit sees imports; a query string naming another component's table is a
 * dependency it cannot see (and can close a cycle, as the startup search reading {@code funding_round} did while the
 * round component imports startup).
 * <p>
 * Who owns what: an entity's {@code @Table} (and its entity name, for JPQL) belongs to the entity's component; a
 * table no entity maps belongs to the component that lists it in {@link Tables#owns()}; a component's read models
 * ({@link Tables#readModels()}) are its own too. Every table and view the Flyway migrations create has exactly one
 * owner.
 */
class SqlOwnershipTest {

    /** The schema's one definition; tests run in picktartup-web's folder. */
    private static final Path MIGRATIONS = Path.of("..", "picktartup-ejb", "src", "main", "resources", "db", "migration");
    /** Flyway's own table: created by Flyway, not by a migration. */
    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    /**
     * Crossings known today, each "class reads|writes table", to be removed by whoever changes that class. A crossing
     * that no longer happens fails the test too, so this list only shrinks.
     */
    private static final Map<String, String> ALLOWED = new TreeMap<>(Map.<String, String>ofEntries());

    private static JavaClasses application;
    /** Table, view or entity name → owning component. */
    private static final Map<String, String> OWNER = new HashMap<>();
    /** Owning component → the names it declares readable by others. */
    private static final Map<String, Set<String>> READ_MODELS = new HashMap<>();
    private static final Set<String> SCHEMA = new TreeSet<>();
    private static final List<String> OWNERSHIP_PROBLEMS = new ArrayList<>();

    @BeforeAll
    static void importApplication() throws IOException {
        application = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/picktartup/launcher/")
                        && !location.contains("/io/picktartup/chain/contract/"))
                .importPackages("io.picktartup");
        SCHEMA.addAll(schema());
        SCHEMA.add(FLYWAY_HISTORY);
        for (JavaClass type : application) {
            if (type.isAnnotatedWith(Entity.class)) {
                String component = component(type);
                own(type.getAnnotationOfType(Entity.class).name().isEmpty() ? type.getSimpleName()
                        : type.getAnnotationOfType(Entity.class).name(), component, type.getName());
                if (type.isAnnotatedWith(Table.class)) {
                    own(type.getAnnotationOfType(Table.class).name(), component, type.getName());
                }
            }
        }
        for (String component : components()) {
            Tables declared = declaration(component);
            if (declared == null) {
                continue;
            }
            for (String table : declared.owns()) {
                own(table, component, component + "'s @Tables(owns)");
            }
            for (String table : declared.readModels()) {
                own(table, component, component + "'s @Tables(readModels)");
                READ_MODELS.computeIfAbsent(component, c -> new HashSet<>()).add(table);
            }
        }
    }

    @Test
    void everyTableHasExactlyOneOwner() {
        assertThat(SCHEMA).as("tables and views the migrations create").contains("startup", "funding_round", "wallet");
        var problems = new ArrayList<>(OWNERSHIP_PROBLEMS);
        for (String table : SCHEMA) {
            if (!OWNER.containsKey(table)) {
                problems.add(table + " has no owner: map it with an entity's @Table or list it in its component's "
                        + "@Tables(owns) on the entity package");
            }
        }
        OWNER.keySet().stream().filter(name -> name.equals(name.toLowerCase(Locale.ROOT)) && !SCHEMA.contains(name))
                .forEach(name -> problems.add(name + " is owned by " + OWNER.get(name)
                        + " but no migration creates it"));
        assertThat(problems).isEmpty();
    }

    @Test
    void sqlNamesOnlyItsComponentsTablesOrDeclaredReadModels() {
        var found = crossings();
        // that the scan sees SQL at all (or this would pass on nothing) is theScanSeesQueriesOfEveryKind's to check
        var unexpected = new TreeMap<String, String>();
        found.forEach((crossing, why) -> {
            if (!ALLOWED.containsKey(crossing)) {
                unexpected.put(crossing, why);
            }
        });
        assertThat(unexpected).as("SQL naming another component's table (read it through the owner's boundary or a "
                + "read model it declares with @Tables(readModels); write it only through the owner's boundary)")
                .isEmpty();
        assertThat(ALLOWED.keySet().stream().filter(allowed -> !found.containsKey(allowed)).toList())
                .as("allowed crossings that no longer happen: remove them from ALLOWED").isEmpty();
    }

    @Test
    void theScanSeesQueriesOfEveryKind() {
        var uses = new HashSet<String>();
        for (JavaClass type : application) {
            for (String sql : stringConstants(type)) {
                uses.addAll(references(sql).stream().map(r -> type.getSimpleName() + " " + r).toList());
            }
        }
        assertThat(uses).contains(
                "StartupSearch reads startup",          // native, in a text block
                "SearchVector writes startup",          // native update
                "SsiScoring writes ssi_feature",        // JDBC insert … select
                "Waitlist reads WaitlistEntry");        // JPQL
    }

    /** Every crossing in the application: "Class reads|writes table" → where it points. */
    static Map<String, String> crossings() {
        var found = new TreeMap<String, String>();
        for (JavaClass type : application) {
            String component = component(type);
            for (String sql : stringConstants(type)) {
                for (var reference : references(sql)) {
                    String owner = OWNER.get(reference.name());
                    if (owner == null || owner.equals(component)) {
                        continue;
                    }
                    boolean readModel = !reference.writes()
                            && READ_MODELS.getOrDefault(owner, Set.of()).contains(reference.name());
                    if (!readModel) {
                        found.put(type.getName().replaceAll("\\$.*", "") + " " + reference,
                                component + " → " + owner + (reference.writes() ? " (a write)" : ""));
                    }
                }
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ what SQL names

    record Reference(String name, boolean writes) {
        @Override
        public String toString() {
            return (writes ? "writes " : "reads ") + name;
        }
    }

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    /** A statement: only strings holding one are read as SQL (a message saying "from wallet" is not). */
    private static final Pattern STATEMENT = Pattern.compile("(?i)\\b(select|insert|update|delete|truncate)\\b");
    private static final Pattern WRITE = Pattern.compile("(?i)\\b(?:insert\\s+into|update|delete\\s+from|truncate"
            + "(?:\\s+table)?|alter\\s+table|lock\\s+table|merge\\s+into)\\s+(?:only\\s+)?(" + NAME + ")");
    /** {@code from a x, b y} and {@code join c}: every item of a from list. */
    private static final Pattern READ = Pattern.compile("(?i)\\b(from|join)\\s+((?:" + NAME + "(?:\\s+(?:as\\s+)?"
            + NAME + ")?\\s*,\\s*)*" + NAME + ")");

    static Set<Reference> references(String sql) {
        var references = new HashSet<Reference>();
        if (!STATEMENT.matcher(sql).find()) {
            return references;
        }
        Matcher write = WRITE.matcher(sql);
        while (write.find()) {
            known(write.group(1)).ifPresent(name -> references.add(new Reference(name, true)));
        }
        Matcher read = READ.matcher(sql);
        while (read.find()) {
            if (sql.substring(0, read.start()).matches("(?is).*\\bdelete\\s*")) {
                continue; // delete from: a write, counted above
            }
            for (String item : read.group(2).split(",")) {
                known(item.strip().split("\\s+")[0]).ifPresent(name -> references.add(new Reference(name, false)));
            }
        }
        return references;
    }

    /** The table or entity a word names, if it names one (SQL keywords may be upper case, names as created). */
    private static java.util.Optional<String> known(String word) {
        if (OWNER.containsKey(word)) {
            return java.util.Optional.of(word);
        }
        String lower = word.toLowerCase(Locale.ROOT);
        return word.equals(word.toUpperCase(Locale.ROOT)) && OWNER.containsKey(lower)
                ? java.util.Optional.of(lower) : java.util.Optional.empty();
    }

    // ------------------------------------------------------------------ who owns what

    private static void own(String name, String component, String by) {
        String before = OWNER.putIfAbsent(name, component);
        if (before != null && !before.equals(component)) {
            OWNERSHIP_PROBLEMS.add(name + " is claimed by " + before + " and by " + component + " (" + by + ")");
        }
    }

    static String component(JavaClass type) {
        String[] parts = type.getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : type.getPackageName();
    }

    private static Set<String> components() {
        var components = new TreeSet<String>();
        application.forEach(type -> components.add(component(type)));
        return components;
    }

    private static Tables declaration(String component) {
        try {
            return Class.forName("io.picktartup." + component + ".entity.package-info").getAnnotation(Tables.class);
        } catch (ClassNotFoundException e) {
            return null; // a component without an entity package owns no tables
        }
    }

    /** The tables and views the migrations leave in the schema. */
    static Set<String> schema() throws IOException {
        var created = Pattern.compile("(?i)\\bcreate\\s+(?:unlogged\\s+)?(?:table|(?:or\\s+replace\\s+)?(?:materialized\\s+)?view)"
                + "\\s+(?:if\\s+not\\s+exists\\s+)?(" + NAME + ")");
        var dropped = Pattern.compile("(?i)\\bdrop\\s+(?:table|(?:materialized\\s+)?view)\\s+(?:if\\s+exists\\s+)?(" + NAME + ")");
        assertThat(MIGRATIONS).as("the migrations (run from picktartup-web)").isDirectory();
        var tables = new TreeSet<String>();
        List<Path> files;
        try (Stream<Path> list = Files.list(MIGRATIONS)) {
            files = list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
        for (Path file : files) {
            String sql = Files.readString(file).replaceAll("--[^\n]*", "");
            created.matcher(sql).results().forEach(m -> tables.add(m.group(1).toLowerCase(Locale.ROOT)));
            dropped.matcher(sql).results().forEach(m -> tables.remove(m.group(1).toLowerCase(Locale.ROOT)));
        }
        return tables;
    }

    private static int version(Path migration) {
        return Integer.parseInt(migration.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"));
    }

    // ------------------------------------------------------------------ the class files' string literals

    /** The string literals of a compiled class (text blocks and constant concatenations included). */
    static List<String> stringConstants(JavaClass type) {
        var source = type.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + type));
        try (InputStream in = source.getUri().toURL().openStream()) {
            return literals(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a class file's constant pool: the UTF-8 entries that CONSTANT_String entries point to. */
    static List<String> literals(InputStream classFile) throws IOException {
        var data = new DataInputStream(new BufferedInputStream(classFile));
        if (data.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        data.readUnsignedShort();
        data.readUnsignedShort();
        int count = data.readUnsignedShort();
        var utf8 = new HashMap<Integer, String>();
        var strings = new ArrayList<Integer>();
        for (int i = 1; i < count; i++) {
            int tag = data.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(i, data.readUTF()); // the class file's modified UTF-8 is readUTF's format
                case 8 -> strings.add(data.readUnsignedShort());
                case 7, 16, 19, 20 -> data.skipBytes(2); // class, method type, module, package
                case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4); // numbers, references, (invoke)dynamic
                case 15 -> data.skipBytes(3); // method handle
                case 5, 6 -> {
                    data.skipBytes(8);
                    i++; // a long or a double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings.stream().map(utf8::get).toList();
    }
}
