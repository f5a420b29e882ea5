package io.picktartup.platform.control;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A log handler that writes {@link JsonLogFormat} lines to a file, appending, formatting on the logging thread (the
 * server's own handlers format later on a thread of theirs, where the request context is gone). Every line is flushed
 * at once, so a log shipper (Fluent Bit) and the tests see it without delay.
 */
public class JsonLogFile extends Handler {

    private final Path file;
    private final Writer out;

    public JsonLogFile(Path file, Level level) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            out = new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the JSON log " + file, e);
        }
        setFormatter(new JsonLogFormat());
        setLevel(level);
    }

    public Path file() {
        return file;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        synchronized (this) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                reportError("cannot write the JSON log", e, ErrorManager.WRITE_FAILURE);
            }
        }
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            reportError("cannot flush the JSON log", e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            reportError("cannot close the JSON log", e, ErrorManager.CLOSE_FAILURE);
        }
    }
}
