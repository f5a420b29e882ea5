package io.picktartup.startup.boundary;

import io.picktartup.startup.entity.Startup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A startup's profile as anyone sees it; the CEO's email stays private. */
public record StartupView(String id, String name, String nameEn, List<String> aliases, String pitch,
                          String description, String sector, String stage, LocalDate foundedOn, String website,
                          String ceoName, String walletAddress, BigDecimal ssi) {

    public static StartupView of(Startup s) {
        return new StartupView(s.id().toString(), s.name(), s.nameEn().orElse(null), s.aliases(), s.pitch(),
                s.description(), s.sector(), s.stage().name(), s.foundedOn(), s.website().orElse(null), s.ceoName(),
                s.walletAddress(), s.ssiOverall().orElse(null));
    }
}
