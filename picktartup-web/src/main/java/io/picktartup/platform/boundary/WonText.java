package io.picktartup.platform.boundary;

/**
 * Won as pages show it: the full figure ("₩123,450,000"), and on Korean pages also the Korean way of saying it
 * (조/억/만: "₩123,450,000 (1억 2,345만원)"). The round pages and the CEO's workspace share it.
 */
public final class WonText {

    private WonText() {
    }

    public static String full(long krw) {
        return String.format("₩%,d", krw);
    }

    /** The full figure, with the Korean reading beside it on Korean pages (from ₩10,000 up). */
    public static String forLanguage(long krw, String language) {
        String full = full(krw);
        return "ko".equals(language) && Math.abs(krw) >= 10_000 ? full + " (" + korean(krw) + ")" : full;
    }

    /** 123,450,000 → "1억 2,345만원"; 5,000 → "5,000원". */
    public static String korean(long krw) {
        if (krw < 0) {
            return "-" + korean(-krw);
        }
        var parts = new java.util.ArrayList<String>();
        long jo = krw / 1_000_000_000_000L;
        long eok = krw % 1_000_000_000_000L / 100_000_000L;
        long man = krw % 100_000_000L / 10_000L;
        long rest = krw % 10_000L;
        if (jo > 0) {
            parts.add(String.format("%,d조", jo));
        }
        if (eok > 0) {
            parts.add(String.format("%,d억", eok));
        }
        if (man > 0) {
            parts.add(String.format("%,d만", man));
        }
        if (rest > 0 || parts.isEmpty()) {
            parts.add(String.format("%,d", rest));
        }
        return String.join(" ", parts) + "원";
    }
}
