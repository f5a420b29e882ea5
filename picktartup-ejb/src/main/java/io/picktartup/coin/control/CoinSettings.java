package io.picktartup.coin.control;

import io.picktartup.wallet.entity.Won;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Purchase settings: the rate (won per PKN) and the smallest and largest order. */
@ApplicationScoped
public class CoinSettings {

    @Inject
    @ConfigProperty(name = "picktartup.token.krw-per-token", defaultValue = "1000")
    long wonPerToken;

    @Inject
    @ConfigProperty(name = "picktartup.coin.min-order-krw", defaultValue = "1000")
    long minimum;

    @Inject
    @ConfigProperty(name = "picktartup.coin.max-order-krw", defaultValue = "5000000")
    long maximum;

    public long wonPerToken() {
        return wonPerToken;
    }

    public Won minimumOrder() {
        return Won.of(minimum);
    }

    public Won maximumOrder() {
        return Won.of(maximum);
    }
}
