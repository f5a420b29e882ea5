package io.picktartup.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Statuses and kinds as people read them, in the page's language ({@code status.<group>.<CODE>} in the page
 * bundles): a page shows "확정" or "Confirmed", never the raw code, which stays in a {@code data-status} attribute
 * for scripts and tests. {@code LabelsTest} fails when a status of an enum has no label in either language.
 */
@Named("labels")
@RequestScoped
public class Labels {

    @Inject
    Language language;

    /** The label of {@code value} in {@code group} (investment, round, order, transfer, cash-out, movement, audit…). */
    public String of(String group, Object value) {
        return of(group, value, language.getLocale());
    }

    /** A wallet movement's status: a purchase's is its order's, a transfer's or a cash-out's their own. */
    public String movement(String kind, Object status) {
        return of(switch (String.valueOf(kind)) {
            case "PURCHASE" -> "order";
            case "TRANSFER" -> "transfer";
            case "CASH_OUT" -> "cash-out";
            default -> String.valueOf(kind).toLowerCase(Locale.ROOT);
        }, status);
    }

    public static String of(String group, Object value, Locale locale) {
        if (value == null) {
            return "";
        }
        try {
            return ResourceBundle.getBundle(ProblemMessages.BUNDLE, locale).getString("status." + group + "." + value);
        } catch (MissingResourceException e) {
            return String.valueOf(value);
        }
    }
}
