package io.picktartup.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the schema to the current version before anything else touches it. Every other startup bean that uses
 * the database declares {@code @DependsOn("SchemaMigration")}. Bean-managed transactions: Flyway commits its own
 * work per migration, which a container transaction would forbid.
 */
@Startup
@Singleton(name = "SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/picktartup")
    DataSource dataSource;

    private int applied;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("flyway_schema_history")
                .validateMigrationNaming(true)
                // instances booting together wait for the one migrating (a PostgreSQL advisory lock, released if it
                // dies): Flyway's default gives up after 50 tries a second apart, less than a first migration takes
                // when several instances boot on a busy machine
                .lockRetryCount(600)
                .load()
                .migrate();
        applied = result.migrationsExecuted;
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + applied + " migrations applied now)");
    }

    public int migrationsAppliedAtBoot() {
        return applied;
    }
}
