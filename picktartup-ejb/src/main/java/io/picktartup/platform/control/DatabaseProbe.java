package io.picktartup.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Optional;

/** Asks the database whether it answers, and at which schema version, without joining any transaction. */
@ApplicationScoped
public class DatabaseProbe {

    @Resource(lookup = "jdbc/picktartup")
    DataSource dataSource;

    /** The installed schema version, or empty when the database does not answer within two seconds. */
    public Optional<String> schemaVersion() {
        try (var connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return Optional.empty();
            }
            try (var statement = connection.createStatement()) {
                statement.setQueryTimeout(2);
                try (var rs = statement.executeQuery(
                        "select version from flyway_schema_history where success order by installed_rank desc limit 1")) {
                    return Optional.of(rs.next() ? rs.getString(1) : "none");
                }
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
