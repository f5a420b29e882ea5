package io.picktartup.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;

import static io.picktartup.it.Accounts.call;
import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The crawler and server-side request forgery, with the platform's production rule (public addresses only) and the
 * test platform's one exception (the fixture site's port on loopback): a source naming an inner address is refused
 * when added; redirects to loopback on another port, to the cloud metadata address, or to another host are refused
 * at crawl time, and nothing connects to the inner port.
 */
@ExtendWith(RunningPlatform.class)
class CrawlerSsrfIT {

    private static NewsFixtureSite site;

    @BeforeAll
    static void startSite() {
        site = new NewsFixtureSite();
    }

    @AfterAll
    static void stopSite() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void sourcesNamingInnerAddressesAreRefusedWhenAdded() {
        int app = RunningPlatform.uri("/").getPort();
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:" + app + "/api/rounds",
                "http://localhost:" + app + "/feed", "http://[::1]:" + app + "/", "http://10.1.2.3/feed.xml",
                "http://[::ffff:169.254.169.254]/"}) {
            var added = addSource(url, "RSS", "Inner " + url, false);
            assertThat(added.statusCode()).as(url + ": " + added.body()).isEqualTo(400);
            assertThat(json(added).getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("url");
        }
    }

    @Test
    void redirectsToLoopbackMetadataOrAnotherHostAreRefusedAndNothingInnerIsReached() throws Exception {
        try (var inner = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            site.innerPort = inner.getLocalPort();
            String toInner = sourceId(addSource(site.url("/redirect/inner"), "HTML", "Redirects inside", false));
            // this source follows other hosts: its redirect to the metadata address is refused for the address
            String toMetadata = sourceId(addSource(site.url("/redirect/metadata"), "RSS", "Redirects to metadata", true));
            String elsewhere = sourceId(addSource(site.url("/redirect/elsewhere"), "HTML", "Redirects elsewhere", false));
            site.clearHits();

            var started = call("POST", "/api/admin/jobs/news-crawl", Funding.admin(), null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            long execution = json(started).getJsonNumber("id").longValue();
            var run = SettlementIT.awaitJob(execution);
            assertThat(run.getString("batchStatus")).as(run.toString()).isEqualTo("COMPLETED");
            for (String source : new String[] {toInner, toMetadata, elsewhere}) {
                var tally = tally(execution, source);
                assertThat(tally).as(source).containsEntry("hostile", 1).containsEntry("fetched", 0)
                        .containsEntry("failed", 0);
            }
            inner.setSoTimeout(1);
            assertThatThrownBy(inner::accept).as("the crawler never connected to the inner port")
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(site.hits()).extracting(NewsFixtureSite.Hit::path).as("the other host's page was not fetched")
                    .doesNotContain("/news/reached-elsewhere.html");
        } finally {
            site.innerPort = 0;
        }
    }

    private static java.net.http.HttpResponse<String> addSource(String url, String kind, String name,
                                                                boolean otherHosts) {
        String body = "{\"url\":\"" + url + "\",\"kind\":\"" + kind + "\",\"name\":\"" + name
                + "\",\"redirectsToOtherHosts\":" + otherHosts + "}";
        return call("POST", "/api/admin/news/sources", Funding.admin(), body);
    }

    private static String sourceId(java.net.http.HttpResponse<String> added) {
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return json(added).getString("id");
    }

    private static Map<String, Integer> tally(long execution, String source) throws Exception {
        try (var db = RunningPlatform.database();
             var query = db.prepareStatement("select fetched, hostile, failed from news_crawl_stat "
                     + "where execution_id = ? and source_id = ?::uuid")) {
            query.setLong(1, execution);
            query.setString(2, source);
            try (var rs = query.executeQuery()) {
                assertThat(rs.next()).as("a line for source " + source).isTrue();
                return Map.of("fetched", rs.getInt(1), "hostile", rs.getInt(2), "failed", rs.getInt(3));
            }
        }
    }
}
