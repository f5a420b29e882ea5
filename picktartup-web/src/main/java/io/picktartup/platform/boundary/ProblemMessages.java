package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.BusinessException;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What a page says about a refusal: the message for its stable problem code ({@code problem.<code>} in the page
 * bundles, Korean and English), with the facts the refusal carries ({@code {availablePkn}}, {@code {remainingKrw}}…)
 * put in. The exception's own message is English detail for the API and the logs, never shown on a page;
 * {@code ProblemMessagesTest} fails when a code in the code base has no message in either language.
 */
public final class ProblemMessages {

    static final String BUNDLE = "io.picktartup.web.messages";
    static final String PREFIX = "problem.";

    private ProblemMessages() {
    }

    /** The page message for this refusal, in the page's language. */
    public static String of(BusinessException e, Locale locale) {
        var facts = new java.util.HashMap<String, Object>(e.extensions());
        if (e instanceof io.picktartup.platform.entity.RetryLater later) {
            facts.put("retryAfterSeconds", later.retryAfterSeconds());
        }
        return of(e.code(), facts, locale);
    }

    /** The message for a problem code, facts put in; the generic one when the code is unknown (never the detail). */
    public static String of(String code, Map<String, Object> facts, Locale locale) {
        var bundle = ResourceBundle.getBundle(BUNDLE, locale);
        String text;
        try {
            text = bundle.getString(PREFIX + code);
        } catch (MissingResourceException e) {
            text = bundle.getString(PREFIX + "unknown");
        }
        for (var fact : facts.entrySet()) {
            text = text.replace("{" + fact.getKey() + "}", format(fact.getValue(), locale));
        }
        return text;
    }

    private static String format(Object value, Locale locale) {
        if (value instanceof Long || value instanceof Integer) {
            return String.format(locale, "%,d", ((Number) value).longValue());
        }
        return String.valueOf(value);
    }
}
