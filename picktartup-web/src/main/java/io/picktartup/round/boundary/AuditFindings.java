package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.Labels;
import io.picktartup.platform.boundary.Language;
import io.picktartup.round.entity.AuditFinding;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A reconciliation's findings as the audit page says them: each stored English sentence read back into its
 * {@link AuditFinding} and facts and said with {@code audit.finding.<NAME>}; a movement named in it with its kind's
 * label. A sentence it does not know is shown as stored, never dropped.
 */
@Named("auditFindings")
@RequestScoped
public class AuditFindings {

    static final String BUNDLE = "io.picktartup.web.messages";

    @Inject
    Language language;

    public String say(String stored) {
        return say(stored, language.getLocale());
    }

    static String say(String stored, Locale locale) {
        var stated = AuditFinding.read(stored);
        if (stated.isEmpty()) {
            return stored;
        }
        var finding = stated.get().finding();
        Object[] facts = stated.get().facts().toArray();
        if (finding.namesAMovement()) {
            facts[0] = movement((String) facts[0], locale);
        }
        var bundle = ResourceBundle.getBundle(BUNDLE, locale);
        return new MessageFormat(bundle.getString("audit.finding." + finding.name()), locale).format(facts);
    }

    private static String movement(String text, Locale locale) {
        var facts = AuditFinding.MovementText.read(text);
        if (facts.isEmpty()) {
            return text;
        }
        var f = facts.get();
        var bundle = ResourceBundle.getBundle(BUNDLE, locale);
        String said = MessageFormat.format(bundle.getString("audit.movement.text"), Labels.of("audit", f.get(0), locale),
                f.get(1));
        if (f.get(2) != null) {
            said += " " + MessageFormat.format(bundle.getString("audit.movement.for"), f.get(2));
        }
        if (f.get(3) != null) {
            said += " " + MessageFormat.format(bundle.getString("audit.movement.in"), f.get(3));
        }
        return said;
    }
}
