package io.picktartup.coin.control;

import io.picktartup.wallet.entity.Won;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Payout and cash-out fraud settings (MicroProfile Config; docs/payments.md, Payouts). The provider's access token
 * has no default and is never logged; the run command passes the payout sandbox's.
 */
@ApplicationScoped
public class PayoutSettings {

    @Inject
    @ConfigProperty(name = "picktartup.payout.api-url")
    Optional<String> apiUrl;

    @Inject
    @ConfigProperty(name = "picktartup.payout.access-token")
    Optional<String> accessToken;

    @Inject
    @ConfigProperty(name = "picktartup.payout.institution-code", defaultValue = "M202600001")
    String institutionCode;

    @Inject
    @ConfigProperty(name = "picktartup.payout.contract-account", defaultValue = "0000000000000")
    String contractAccount;

    @Inject
    @ConfigProperty(name = "picktartup.payout.request-timeout-ms", defaultValue = "10000")
    long requestTimeoutMillis;

    @Inject
    @ConfigProperty(name = "picktartup.payout.max-attempts", defaultValue = "5")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "picktartup.payout.retry-base-seconds", defaultValue = "60")
    long retryBaseSeconds;

    @Inject
    @ConfigProperty(name = "picktartup.coin.card-hold-hours", defaultValue = "72")
    long cardHoldHours;

    @Inject
    @ConfigProperty(name = "picktartup.coin.cash-out-daily-max-krw", defaultValue = "3000000")
    long cashOutDailyMaxKrw;

    @Inject
    @ConfigProperty(name = "picktartup.coin.cash-out-daily-max-count", defaultValue = "5")
    int cashOutDailyMaxCount;

    /** The bank-transfer API's base (KFTC Open Banking's shape: {@code …/v2.0/transfer/deposit/acnt_num}). */
    public URI apiUrl() {
        String url = apiUrl.filter(s -> !s.isBlank()).orElseThrow(() ->
                new IllegalStateException("picktartup.payout.api-url (PICKTARTUP_PAYOUT_API_URL) is not set"));
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** The provider's OAuth access token, sent as {@code Authorization: Bearer …}. Never logged. */
    public String accessToken() {
        return accessToken.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "picktartup.payout.access-token (PICKTARTUP_PAYOUT_ACCESS_TOKEN) is not set"));
    }

    /** The platform's institution code at the provider: the first 10 characters of every request id. */
    public String institutionCode() {
        return institutionCode;
    }

    /** The platform's contracted account the won are paid from. */
    public String contractAccount() {
        return contractAccount;
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(Math.max(100, requestTimeoutMillis));
    }

    /** Attempts of one payout before it is given up and its PKN returned. */
    public int maxAttempts() {
        return Math.max(1, maxAttempts);
    }

    /** The wait after the first failed attempt; it doubles after each further one. */
    public Duration retryBase() {
        return Duration.ofSeconds(Math.max(0, retryBaseSeconds));
    }

    /** How long PKN bought by card stay held from cash-outs and transfers off the platform. */
    public Duration cardHold() {
        return Duration.ofHours(Math.max(0, cardHoldHours));
    }

    public Won cashOutDailyMaxKrw() {
        return Won.of(cashOutDailyMaxKrw);
    }

    public int cashOutDailyMaxCount() {
        return cashOutDailyMaxCount;
    }

}
