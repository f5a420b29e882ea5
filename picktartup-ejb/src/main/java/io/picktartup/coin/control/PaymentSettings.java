package io.picktartup.coin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The payment gateway settings of this deployment (MicroProfile Config; see README, Payments). The secrets have no
 * defaults: the run command passes the sandbox's, production passes PortOne's. A deployment without them still
 * boots; the first payment call then fails with a clear message.
 */
@ApplicationScoped
public class PaymentSettings {

    /**
     * Where the gateway delivers webhooks, relative to the application's root. The JAX-RS resource lives at this
     * path (under {@code @ApplicationPath("api")}: {@code @Path("payments/webhook")}); the run command's sandbox
     * sends to it.
     */
    public static final String WEBHOOK_PATH = "/api/payments/webhook";

    @Inject
    @ConfigProperty(name = "picktartup.payment.api-url", defaultValue = "https://api.portone.io")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "picktartup.payment.api-secret")
    Optional<String> apiSecret;

    @Inject
    @ConfigProperty(name = "picktartup.payment.webhook-secret")
    Optional<String> webhookSecrets;

    @Inject
    @ConfigProperty(name = "picktartup.payment.store-id")
    Optional<String> storeId;

    @Inject
    @ConfigProperty(name = "picktartup.payment.channel-key")
    Optional<String> channelKey;

    @Inject
    @ConfigProperty(name = "picktartup.payment.checkout-url")
    Optional<String> checkoutUrl;

    @Inject
    @ConfigProperty(name = "picktartup.payment.browser-sdk-url", defaultValue = "https://cdn.portone.io/v2/browser-sdk.js")
    String browserSdkUrl;

    @Inject
    @ConfigProperty(name = "picktartup.payment.webhook-tolerance-seconds", defaultValue = "300")
    long webhookToleranceSeconds;

    @Inject
    @ConfigProperty(name = "picktartup.payment.request-timeout-ms", defaultValue = "10000")
    long requestTimeoutMillis;

    /** The REST API's base, {@code https://api.portone.io} in production. */
    public URI apiUrl() {
        return URI.create(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
    }

    /** The V2 API secret, sent as {@code Authorization: PortOne <secret>}. Never logged. */
    public String apiSecret() {
        return apiSecret.filter(s -> !s.isBlank()).orElseThrow(() ->
                new IllegalStateException("picktartup.payment.api-secret (PICKTARTUP_PAYMENT_API_SECRET) is not set"));
    }

    /**
     * The webhook secrets ({@code whsec_<base64>}), several during a rotation: the configured value is a
     * comma-separated list, and a webhook signed with any of them is accepted.
     */
    public List<String> webhookSecrets() {
        var secrets = webhookSecrets.stream().flatMap(s -> Arrays.stream(s.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (secrets.isEmpty()) {
            throw new IllegalStateException(
                    "picktartup.payment.webhook-secret (PICKTARTUP_PAYMENT_WEBHOOK_SECRET) is not set");
        }
        return secrets;
    }

    /** The PortOne store id ({@code store-…}), given to the browser SDK and on API calls. */
    public Optional<String> storeId() {
        return storeId.filter(s -> !s.isBlank());
    }

    /** The PortOne channel key (which card acquirer), given to the browser SDK. The sandbox needs none. */
    public Optional<String> channelKey() {
        return channelKey.filter(s -> !s.isBlank());
    }

    /** The sandbox's checkout page; absent in production, where the browser SDK opens PortOne's own window. */
    public Optional<URI> checkoutUrl() {
        return checkoutUrl.filter(s -> !s.isBlank()).map(URI::create);
    }

    /** The browser SDK script: PortOne's CDN in production, the sandbox's look-alike under the run command. */
    public URI browserSdkUrl() {
        return URI.create(browserSdkUrl);
    }

    /** How far a webhook's timestamp may be from now, either way (Standard Webhooks: 5 minutes). */
    public Duration webhookTolerance() {
        return Duration.ofSeconds(Math.max(1, webhookToleranceSeconds));
    }

    /** The longest a single API call may take, connecting included. */
    public Duration requestTimeout() {
        return Duration.ofMillis(Math.max(100, requestTimeoutMillis));
    }
}
