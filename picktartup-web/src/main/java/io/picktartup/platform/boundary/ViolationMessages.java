package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a page says about one invalid field: the field's label ({@code field.<name>}, an index shown as a line
 * number, an unknown name as it is) and the rule it breaks ({@code validation.<code>}) with the violation's facts,
 * both in the page's language. The API keeps the English {@link InvalidInputException.Violation#message()};
 * {@code ViolationMessagesTest} fails when a rule has no message in either language.
 */
public final class ViolationMessages {

    static final String PREFIX = "validation.";
    static final String FIELD_PREFIX = "field.";
    /** Rules whose first fact is itself a field path (figures[2].period, ssiMin): said as that field's label. */
    private static final Set<FieldRule> FACT_IS_A_FIELD = EnumSet.of(FieldRule.REPEATS, FieldRule.NOT_BELOW);
    private static final Pattern SEGMENT = Pattern.compile("([^\\[\\]]+)(?:\\[(\\d+)])?");

    private ViolationMessages() {
    }

    /** "label: message" in the page's language. */
    public static String of(InvalidInputException.Violation violation, Locale locale) {
        var bundle = ResourceBundle.getBundle(ProblemMessages.BUNDLE, locale);
        return label(violation.field(), bundle) + ": " + message(violation, bundle);
    }

    /** The message alone, for a form that shows it beside the field's own label. */
    public static String message(InvalidInputException.Violation violation, Locale locale) {
        return message(violation, ResourceBundle.getBundle(ProblemMessages.BUNDLE, locale));
    }

    static String message(InvalidInputException.Violation violation, ResourceBundle bundle) {
        List<String> facts = new ArrayList<>(violation.facts());
        if (FACT_IS_A_FIELD.contains(violation.rule()) && !facts.isEmpty()) {
            facts.set(0, label(facts.get(0), bundle));
        }
        try {
            return FieldRule.fill(bundle.getString(PREFIX + violation.code()), facts);
        } catch (MissingResourceException e) {
            return violation.message();
        }
    }

    /**
     * The field as a person reads it: {@code team[2].joinedOn} is "team, line 3 › joined on"; a CSV line
     * ({@code line[4]}) keeps its number, since it already counts from 1.
     */
    static String label(String field, ResourceBundle bundle) {
        var parts = new ArrayList<String>();
        for (String segment : field.split("\\.")) {
            var matcher = SEGMENT.matcher(segment);
            if (!matcher.matches()) {
                parts.add(segment);
                continue;
            }
            String name = matcher.group(1);
            String label = bundle.containsKey(FIELD_PREFIX + name) ? bundle.getString(FIELD_PREFIX + name) : name;
            if (matcher.group(2) != null) {
                long index = Long.parseLong(matcher.group(2));
                long line = "line".equals(name) ? index : index + 1;
                label = FieldRule.fill(bundle.getString(PREFIX + "item"), List.of(label, String.valueOf(line)));
            }
            parts.add(label);
        }
        return String.join(" › ", parts);
    }
}
