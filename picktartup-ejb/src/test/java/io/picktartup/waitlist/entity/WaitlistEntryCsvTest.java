package io.picktartup.waitlist.entity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The waitlist export: UTF-8 with a byte order mark, CRLF lines, quoted where needed, no spreadsheet formulas. */
class WaitlistEntryCsvTest {

    @Test
    void theExportIsExcelReadableCsv() {
        var joined = Instant.parse("2026-12-02T21:00:00Z");
        byte[] csv = WaitlistEntry.csv(List.of(
                new WaitlistEntry("kim@example.kr", "ko", joined),
                new WaitlistEntry("=cmd|x@example.com", "en", joined),
                new WaitlistEntry("\"a,b\"@example.com", "en", joined)));
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        assertThat(text.split("\r\n", -1)).containsExactly(
                "email,language,joined_at",
                "kim@example.kr,ko,2026-12-02T21:00:00Z",
                "'=cmd|x@example.com,en,2026-12-02T21:00:00Z",
                "\"\"\"a,b\"\"@example.com\",en,2026-12-02T21:00:00Z",
                "");
    }
}
