package io.picktartup.platform.control;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log event, on one line: {@code time} (ISO-8601, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code request_id} and {@code incident_id} (the same id: the one a problem answer names as its
 * incident), {@code account} (a hash of the caller's account id), {@code message}, the fields of a record whose only
 * parameter is a map (the access log's method, route, status, latency…), and {@code exception} with the stack trace.
 * The request fields are read from {@link LogContext} on the thread that formats, so this must format on the thread
 * that logs (as {@link JsonLogFile} does).
 */
public class JsonLogFormat extends Formatter {

    @Override
    public String format(LogRecord record) {
        var json = new StringBuilder(256).append('{');
        field(json, "time", Instant.ofEpochMilli(record.getMillis()).toString(), true);
        field(json, "level", record.getLevel().getName(), false);
        field(json, "logger", record.getLoggerName(), false);
        field(json, "thread", Thread.currentThread().getName(), false);
        var context = LogContext.current();
        if (context != null) {
            field(json, "request_id", context.requestId(), false);
            field(json, "incident_id", context.requestId(), false);
            if (context.accountHash() != null) {
                field(json, "account", context.accountHash(), false);
            }
        }
        var parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
            field(json, "message", record.getMessage(), false);
            fields.forEach((key, value) -> {
                if (value instanceof Number number) {
                    json.append(",\"").append(escape(String.valueOf(key))).append("\":").append(number);
                } else if (value != null) {
                    field(json, String.valueOf(key), String.valueOf(value), false);
                }
            });
        } else {
            field(json, "message", formatMessage(record), false);
        }
        if (record.getThrown() != null) {
            var trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            field(json, "exception", trace.toString(), false);
        }
        return json.append("}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value, boolean first) {
        if (!first) {
            json.append(',');
        }
        json.append('"').append(escape(name)).append("\":");
        if (value == null) {
            json.append("null");
        } else {
            json.append('"').append(escape(value)).append('"');
        }
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
