package io.picktartup.ssi.entity;

import java.util.Locale;

/** The four things the index judges. */
public enum Pillar {
    TEAM, PRODUCT, POTENTIAL, PERFORMANCE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
