package io.picktartup.news.control;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The web as the news crawl needs it: fetch one page, politely and safely. Implementations honour robots.txt (read
 * once per site per run), keep an interval between requests to the same host, never connect to an inner address
 * (loopback, private, link-local, cloud metadata), follow a redirect to another host only when the source allows it,
 * and refuse what is too big, too slow or not of the expected type; every refusal is a {@link Refused} carrying why, so the caller counts it and goes on.
 */
public interface Web {

    /** What a page is expected to be; a response of another type is refused as hostile. */
    enum Expect {
        FEED, HTML
    }

    /** A fetched page: where it ended up (after redirects), its declared charset if any, and its bytes. */
    record Page(URI uri, String contentType, Optional<Charset> charset, byte[] body) {
    }

    /** Why a page was not fetched. */
    enum Reason {
        /** robots.txt forbids it: never requested. */
        ROBOTS(Category.ROBOTS),
        TOO_LARGE(Category.HOSTILE),
        TOO_SLOW(Category.HOSTILE),
        UNEXPECTED_TYPE(Category.HOSTILE),
        TOO_MANY_REDIRECTS(Category.HOSTILE),
        /** The host resolves to a loopback, private, link-local or metadata address: never connected to. */
        FORBIDDEN_ADDRESS(Category.HOSTILE),
        /** A redirect to another host, which the source does not allow. */
        REDIRECT_ELSEWHERE(Category.HOSTILE),
        MALFORMED(Category.HOSTILE),
        HTTP_ERROR(Category.FAILED),
        UNREACHABLE(Category.FAILED);

        public final Category category;

        Reason(Category category) {
            this.category = category;
        }
    }

    enum Category {
        ROBOTS, HOSTILE, FAILED
    }

    /** A page the crawl could not or may not read. */
    class Refused extends RuntimeException {
        private final Reason reason;

        public Refused(Reason reason, URI uri, String detail) {
            super(reason + " " + uri + (detail == null ? "" : ": " + detail), null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /**
     * Fetches {@code uri} for the crawl run {@code run} (robots.txt is read once per site per run), following
     * redirects to another host only when {@code redirectsToOtherHosts}.
     */
    Page fetch(long run, URI uri, Expect expect, boolean redirectsToOtherHosts);

    /** Fetches {@code uri}, following redirects on its own host only. */
    default Page fetch(long run, URI uri, Expect expect) {
        return fetch(run, uri, expect, false);
    }

    /** Forgets what the run learned (robots.txt verdicts). */
    void endRun(long run);
}
