package io.picktartup.platform.entity;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * How an entity's status set reaches native SQL that cannot bind a collection: as a literal list rendered from the
 * set itself, so the set stays defined once on its enum. Enum names are identifiers: nothing to escape.
 */
public final class SqlLiterals {

    private SqlLiterals() {
    }

    /** {@code ('OPEN', 'SUCCEEDED')}: the values' names in declaration order, for {@code status in …}. */
    public static String list(Collection<? extends Enum<?>> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an empty set matches nothing in SQL: (null) would hide the mistake");
        }
        return values.stream().sorted((a, b) -> Integer.compare(a.ordinal(), b.ordinal()))
                .map(v -> "'" + v.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
