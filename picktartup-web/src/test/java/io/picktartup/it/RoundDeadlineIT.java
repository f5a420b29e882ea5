package io.picktartup.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once its deadline has passed (business time), a round is listed as open nowhere, even before the nightly
 * settlement has closed it: not by the search API (its open-round filter, its progress sort, a hit's open round), not
 * by the startup API (open round, funding history), not on the catalogue or the startup's page, and it no longer
 * leads the rounds list. Moves time forward: runs after every other class (anvil's time only goes forward).
 */
@ExtendWith(RunningPlatform.class)
@Order(Integer.MAX_VALUE)
class RoundDeadlineIT {

    @Test
    void pastItsDeadlineARoundIsOpenNowhereEvenBeforeTheSettlementRuns() throws Exception {
        TimeTravel.restore(); // the application may have been restarted by an earlier class
        var startup = Funding.startup("Deadline");
        String sector = "Deadline " + UUID.randomUUID().toString().substring(0, 8);
        var profile = Accounts.call("PUT", "/api/startups/" + startup.id() + "/profile", startup.ceo().accessToken(),
                StartupInformationIT.profile(startup.name(), null, sector, "SEED"));
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        var round = Funding.openRound(startup, "100", "200", "10", 10_000,
                TimeTravel.now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(20)));
        String roundId = round.getString("id");

        // before the deadline it is open everywhere: every check below can fail
        listedOpen(startup, sector, roundId, true);

        TimeTravel.forward(Duration.ofHours(48).plus(Duration.ofMinutes(30)));

        listedOpen(startup, sector, roundId, false);
        // …and not because a settlement closed it: it is still stored as OPEN
        assertThat(ChainIT.strings("select status from funding_round where id = '" + roundId + "'"))
                .containsExactly("OPEN");
    }

    private static void listedOpen(Funding.Startup startup, String sector, String roundId, boolean open) {
        String filter = "sector=" + enc(sector);
        // the search API: the open-round filter, the hit's open round, the progress sort
        var onlyOpen = search(filter + "&openRound=true");
        assertThat(names(onlyOpen)).as("open-round filter").isEqualTo(open ? List.of(startup.name()) : List.of());
        var hit = search(filter + "&sort=progress").getJsonArray("items").getJsonObject(0);
        assertThat(hit.getString("name")).isEqualTo(startup.name());
        if (open) {
            assertThat(hit.getJsonObject("openRound").getString("id")).isEqualTo(roundId);
        } else {
            assertThat(hit.containsKey("openRound") && !hit.isNull("openRound")).as("hit's open round").isFalse();
        }

        // the startup API: its open round and its funding history
        var detail = Http.json(Http.get("/api/startups/" + startup.id()));
        if (open) {
            assertThat(detail.getJsonObject("openRound").getString("id")).isEqualTo(roundId);
        } else {
            assertThat(detail.containsKey("openRound") && !detail.isNull("openRound")).as("open round").isFalse();
        }
        assertThat(detail.getJsonArray("fundingHistory").getValuesAs(JsonObject.class))
                .extracting(f -> f.getString("source") + " " + f.getString("status"))
                .containsExactly("PICKTARTUP " + (open ? "OPEN" : "CLOSED"));

        // the rounds API: its status, and open rounds listed before every other
        var listed = roundsList("/api/rounds?startup=" + startup.id());
        assertThat(listed).extracting(r -> r.getString("status")).containsExactly(open ? "OPEN" : "CLOSED");
        var all = roundsList("/api/rounds").stream().map(r -> r.getString("status")).toList();
        int firstNotOpen = all.stream().filter(status -> !status.equals("OPEN")).findFirst().map(all::indexOf)
                .orElse(all.size());
        assertThat(all.subList(firstNotOpen, all.size())).as("open rounds come first: " + all).doesNotContain("OPEN");

        // the pages: the catalogue's card and the startup's own page
        String catalogue = page("/startups/index.xhtml?open=true&" + filter);
        assertThat(catalogue.contains(startup.name())).as("catalogue, open only").isEqualTo(open);
        String card = page("/startups/index.xhtml?" + filter);
        assertThat(card).contains(startup.name());
        assertThat(card.contains("card-round")).as("catalogue card's open round").isEqualTo(open);
        String own = page("/startups/startup.xhtml?id=" + startup.id());
        assertThat(own.contains("id=\"open-round\"")).as("startup page's open round").isEqualTo(open);
        assertThat(own).contains("Picktartup · " + (open ? "OPEN" : "CLOSED"));
    }

    private static JsonObject search(String query) {
        var response = Http.get("/api/startups?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(h -> h.getString("name")).toList();
    }

    private static List<JsonObject> roundsList(String path) {
        var response = Http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(response.body()))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        }
    }

    private static String page(String path) {
        var response = Http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
