package io.picktartup.platform.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code PICKTARTUP_HTTP_TRUSTED_PROXIES} takes exact addresses and CIDR blocks (a Kubernetes ingress controller's pods
 * change address inside the pod network), IPv4 and IPv6; anything else is refused at first use, and a name is never
 * resolved.
 */
class TrustedProxiesTest {

    @Test
    void exactAddressesAndCidrBlocksOfBothFamilies() {
        var proxies = ClientAddress.Proxies.parse(" 127.0.0.1, 10.42.0.0/16 ,192.168.7.128/25, fd00::/8, ::1");
        assertThat(proxies.contains("127.0.0.1")).isTrue();
        assertThat(proxies.contains("127.0.0.2")).isFalse();
        assertThat(proxies.contains("10.42.0.1")).isTrue();
        assertThat(proxies.contains("10.42.255.254")).isTrue();
        assertThat(proxies.contains("10.43.0.1")).isFalse();
        assertThat(proxies.contains("192.168.7.128")).isTrue();
        assertThat(proxies.contains("192.168.7.255")).isTrue();
        assertThat(proxies.contains("192.168.7.127")).as("outside the /25").isFalse();
        assertThat(proxies.contains("fd12:3456::1")).isTrue();
        assertThat(proxies.contains("fe80::1")).isFalse();
        assertThat(proxies.contains("0:0:0:0:0:0:0:1")).as("::1 written out").isTrue();
        assertThat(proxies.contains("::ffff:10.42.0.1")).as("Java maps it to IPv4").isTrue();
        assertThat(proxies.contains("10.42.0.1.evil.example")).as("a name is not an address").isFalse();
        assertThat(proxies.contains("x:y.evil.example")).as("nor a name with a colon").isFalse();
        assertThat(proxies.contains("fd12:3456::1%eth0")).as("no zone ids from a header").isFalse();
        assertThat(proxies.contains("999.42.0.1")).isFalse();
        assertThat(proxies.contains(null)).isFalse();
    }

    @Test
    void anEmptySettingTrustsNoOneAndABadBlockIsRefused() {
        assertThat(ClientAddress.Proxies.parse("").contains("127.0.0.1")).isFalse();
        assertThat(ClientAddress.Proxies.parse("0.0.0.0/0").contains("203.0.113.9")).as("a /0 trusts all").isTrue();
        assertThatThrownBy(() -> ClientAddress.Proxies.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.Proxies.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.Proxies.parse("ingress.example/24")).isInstanceOf(IllegalArgumentException.class);
    }
}
