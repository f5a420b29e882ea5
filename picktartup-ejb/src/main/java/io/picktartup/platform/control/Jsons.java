package io.picktartup.platform.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;

/**
 * The one JSON provider of the application. {@code Json.createObjectBuilder}, {@code Json.createReader} and the
 * other {@code Json.create*} methods look a provider up anew on every call: a service-loader scan of every jar of the
 * application, then the OSGi registry. That was a tenth of the application's CPU samples while mints were indexed
 * (bench/chain.sh with CHAIN_PROFILE=1, 2026-12-03), and it was paid once per event wherever a round's events were
 * read back (a 1,000-investor refund, every audit of a round) and on every request that builds JSON by hand. A
 * provider is stateless and shared by all threads; use this one instead of {@code jakarta.json.Json}.
 */
public final class Jsons {

    /** Looked up once, when this class is first used. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    /** A JSON object from its text. */
    public static JsonObject object(String json) {
        try (var reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
