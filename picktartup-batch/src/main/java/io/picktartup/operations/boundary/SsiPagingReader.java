package io.picktartup.operations.boundary;

import jakarta.batch.api.chunk.AbstractItemReader;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

/**
 * Reads one partition's range of startups (after, upTo] in id order, a page at a time (one set-based read per page,
 * the page as large as the chunk); the checkpoint is the last id read, so a restart carries on after it.
 */
abstract class SsiPagingReader<T> extends AbstractItemReader {

    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private UUID last;
    private UUID upTo;
    private int page;
    private boolean exhausted;

    abstract String after();

    abstract String upTo();

    abstract String page();

    abstract List<T> load(UUID after, UUID upTo, int page);

    abstract UUID id(T item);

    @Override
    public void open(Serializable checkpoint) {
        last = checkpoint != null ? UUID.fromString((String) checkpoint) : uuid(after());
        upTo = uuid(upTo());
        page = page() == null || page().isBlank() ? 500 : Integer.parseInt(page());
    }

    @Override
    public Object readItem() {
        if (buffer.isEmpty() && !exhausted) {
            var loaded = load(last, upTo, page);
            exhausted = loaded.size() < page;
            buffer.addAll(loaded);
        }
        T item = buffer.poll();
        if (item != null) {
            last = id(item);
        }
        return item;
    }

    @Override
    public Serializable checkpointInfo() {
        return last == null ? null : last.toString();
    }

    private static UUID uuid(String value) {
        return value == null || value.isBlank() ? null : UUID.fromString(value);
    }
}
