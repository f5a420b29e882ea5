package io.picktartup.coin.entity;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A person's name as banks and the platform write it, compared the way a bank's name check does: Unicode NFKC,
 * spaces and dots dropped, case ignored ("김 투자" = "김투자", "KIM  Tu-ja." ≠ "Kim Tuja" only by the dash).
 */
public final class HolderName {

    private HolderName() {
    }

    public static String normalized(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("[\\s.·]", "").toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        String left = normalized(a);
        return !left.isEmpty() && left.equals(normalized(b));
    }
}
