package io.picktartup.platform.entity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declared on a component's entity package ({@code package-info.java}): the tables the component owns besides those
 * its entities map with {@code @Table}, and its read models, the tables or views other components may read in SQL.
 * A component reads another's data through the owner's boundary or one of these read models, and writes it only
 * through the owner's boundary: native SQL that names another component's table is a dependency the compiler and
 * ArchUnit cannot see. The web module's structure test ({@code SqlOwnershipTest}) holds every SQL string to this.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface Tables {

    /** Tables (or views) the component owns that no entity of it maps: it alone reads and writes them in SQL. */
    String[] owns() default {};

    /**
     * Tables or views of the component that others may read (never write), each documented where it is created: a
     * published contract, changed only with its readers.
     */
    String[] readModels() default {};
}
