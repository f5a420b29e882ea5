package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public audit is read-only and cheap: served from the stored verdict (no row written, no chain call per
 * anonymous request), renewed when new events are indexed or an admin asks, and budgeted per client address.
 */
@ExtendWith(RunningPlatform.class)
class PublicAuditIT {

    @Test
    void anonymousAuditsWriteNothingCallNoChainAndAreBudgetedPerAddress() throws Exception {
        var startup = Funding.startup("Audited");
        var round = Funding.openRound(startup, "50", "100", "10", 10_000, TimeTravel.now().plus(Duration.ofDays(7)));
        String path = "/api/rounds/" + round.getString("id") + "/audit";
        String reader = Accounts.client();
        // the renewal reconciles the new escrow once by itself (no events yet: its balance is 0)
        ChainIT.await("a stored verdict", () -> {
            var audit = json(Http.get(path, Map.of("X-Forwarded-For", Accounts.client())));
            return "OK".equals(audit.getString("verdict")) && !audit.isNull("checkedAt");
        }, Duration.ofSeconds(30));
        long stored = verdicts(round.getString("id"));

        // many anonymous reads, the chain node down meanwhile: the same stored answer, nothing written
        RunningPlatform.chainProxy().disable();
        try {
            for (int i = 0; i < 20; i++) {
                var audit = Http.get(path, Map.of("X-Forwarded-For", reader));
                assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
                assertThat(json(audit).getString("verdict")).isEqualTo("OK");
                assertThat(json(audit).getString("escrowBalance")).isEqualTo("0");
            }
        } finally {
            RunningPlatform.chainProxy().enable();
        }
        assertThat(verdicts(round.getString("id"))).as("no reconciliation row per read").isEqualTo(stored);

        // an admin asks: a new verdict is stored
        var reconciled = Accounts.call("POST", "/api/admin/rounds/" + round.getString("id") + "/reconcile",
                Funding.admin(), null);
        assertThat(reconciled.statusCode()).as(reconciled.body()).isEqualTo(200);
        assertThat(verdicts(round.getString("id"))).isEqualTo(stored + 1);

        // the budget: 60 a minute per address (20 used above), then 429 with Retry-After; another address reads on
        int answered = 20;
        java.net.http.HttpResponse<String> refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            var response = Http.get(path, Map.of("X-Forwarded-For", reader));
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                answered++;
            }
        }
        assertThat(refused).as("refused past the budget").isNotNull();
        assertThat(answered).isEqualTo(60);
        assertThat(json(refused).getString("code")).isEqualTo("http.too-many-requests");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(Http.get(path, Map.of("X-Forwarded-For", Accounts.client())).statusCode()).isEqualTo(200);
    }

    private static long verdicts(String roundId) throws Exception {
        return ChainIT.count("select count(*) from round_reconciliation where round_id = '" + roundId + "'");
    }
}
