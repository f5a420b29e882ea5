package io.picktartup.startup.boundary;

import io.picktartup.startup.entity.Startup;

import java.time.LocalDate;

/** A startup as anyone sees it; the CEO's email stays private. */
public record StartupView(String id, String name, String pitch, String description, String sector,
                          LocalDate foundedOn, String ceoName, String walletAddress) {

    public static StartupView of(Startup s) {
        return new StartupView(s.id().toString(), s.name(), s.pitch(), s.description(), s.sector(), s.foundedOn(),
                s.ceoName(), s.walletAddress());
    }
}
