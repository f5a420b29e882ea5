package io.picktartup.bench;

import io.picktartup.launcher.Platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JDBC client of the benchmarks: connections to the platform's database (for seeding data the way the
 * application writes it, and for reading back what it stored), and one-line queries for the checks. Failures are
 * unchecked and name the statement.
 */
public final class Database {

    private final Platform platform;

    public Database(Platform platform) {
        this.platform = platform;
    }

    /** A new connection (autocommit); the caller closes it. */
    public Connection connect() {
        try {
            return platform.connect();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + platform.jdbcUrl() + ": " + e, e);
        }
    }

    /** The first column of the first row, as a number (a count, a sum). */
    public long number(String sql) {
        var values = strings(sql);
        if (values.isEmpty() || values.get(0) == null) {
            throw new IllegalStateException("no number from: " + sql);
        }
        return Long.parseLong(values.get(0));
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql) {
        try (var connection = connect(); var rs = connection.createStatement().executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    /** Runs statements one after the other on one connection (autocommit). */
    public void execute(String... statements) {
        try (var connection = connect(); var statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException(sql + ": " + e, e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
