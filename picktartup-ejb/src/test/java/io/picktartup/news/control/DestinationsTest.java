package io.picktartup.news.control;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationsTest {

    @Test
    void aNameWithOneInnerAddressAmongPublicOnesIsRefusedWhole() {
        var destinations = new Destinations(List.of(), host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("169.254.169.254")});
        assertThatThrownBy(() -> destinations.resolve("mixed.example", 80))
                .isInstanceOf(Destinations.Forbidden.class).hasMessageContaining("169.254.169.254");
    }

    @Test
    void anAllowedInnerTargetIsAllowedOnItsPortOnly() throws Exception {
        var destinations = new Destinations(List.of("127.0.0.1:8081"));
        assertThat(destinations.resolve("127.0.0.1", 8081)).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1");
        assertThatThrownBy(() -> destinations.resolve("127.0.0.1", 8080)).isInstanceOf(Destinations.Forbidden.class);
        assertThatThrownBy(() -> new Destinations(List.of()).resolve("127.0.0.1", 8081))
                .isInstanceOf(Destinations.Forbidden.class);
    }

    @Test
    void publicNamesPass() throws Exception {
        var destinations = new Destinations(List.of(), host -> new InetAddress[] {InetAddress.getByName("8.8.8.8")});
        assertThat(destinations.resolve("dns.example", 443)).hasSize(1);
    }
}
