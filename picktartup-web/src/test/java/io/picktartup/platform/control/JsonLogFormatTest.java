package io.picktartup.platform.control;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogFormatTest {

    @AfterEach
    void leave() {
        LogContext.leave();
    }

    private static jakarta.json.JsonObject parse(String line) {
        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }

    @Test
    void oneLineOfJsonWithTheRequestContext() {
        LogContext.enter("req-1", "abcdef0123456789");
        var record = new LogRecord(Level.WARNING, "line one\nline \"two\"\t\u0001 {0}");
        record.setLoggerName("io.picktartup.test");
        record.setParameters(new Object[]{"투자"});
        record.setThrown(new IllegalStateException("boom"));
        var json = parse(new JsonLogFormat().format(record));
        assertThat(json.getString("level")).isEqualTo("WARNING");
        assertThat(json.getString("logger")).isEqualTo("io.picktartup.test");
        assertThat(json.getString("request_id")).isEqualTo("req-1");
        assertThat(json.getString("incident_id")).isEqualTo("req-1");
        assertThat(json.getString("account")).isEqualTo("abcdef0123456789");
        assertThat(json.getString("message")).isEqualTo("line one\nline \"two\"\t\u0001 투자");
        assertThat(json.getString("exception")).contains("IllegalStateException: boom");
        assertThat(java.time.Instant.parse(json.getString("time"))).isNotNull();
    }

    @Test
    void aMapParameterBecomesFieldsAndNoContextMeansNoRequestFields() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("method", "GET");
        fields.put("status", 404);
        fields.put("latency_ms", 1.5);
        var record = new LogRecord(Level.INFO, "GET /x 404");
        record.setParameters(new Object[]{fields});
        var json = parse(new JsonLogFormat().format(record));
        assertThat(json.containsKey("request_id")).isFalse();
        assertThat(json.getString("method")).isEqualTo("GET");
        assertThat(json.getInt("status")).isEqualTo(404);
        assertThat(json.getJsonNumber("latency_ms").doubleValue()).isEqualTo(1.5);
        assertThat(json.getString("message")).isEqualTo("GET /x 404");
    }

    @Test
    void theAccountHashIsStableAndDoesNotShowTheId() {
        var id = UUID.randomUUID();
        String hash = LogContext.accountHash(id, "salt");
        assertThat(hash).hasSize(16).matches("[0-9a-f]+").isEqualTo(LogContext.accountHash(id, "salt"))
                .isNotEqualTo(LogContext.accountHash(id, "other salt"));
        assertThat(id.toString()).doesNotContain(hash);
    }
}
