package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * How a page says that a use case refused: the problem code's message in the page's language
 * ({@link ProblemMessages}), and for invalid input every field, each as its own message naming the field, under the
 * form that sent it. Used by the pages that call the same boundaries as the API.
 */
public final class PageProblems {

    private PageProblems() {
    }

    /** Shows the refusal; returns false when {@code e} is not a refusal (the caller rethrows). */
    public static boolean show(FacesContext context, String formId, RuntimeException e, Locale locale) {
        RuntimeException cause = e instanceof EJBException && e.getCause() instanceof BusinessException b ? b : e;
        if (cause instanceof InvalidInputException invalid) {
            context.addMessage(formId, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    ProblemMessages.of(invalid, locale), null));
            invalid.violations().forEach(v -> context.addMessage(formId,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, v.field() + ": " + v.message(), null)));
            return true;
        }
        if (cause instanceof BusinessException business) {
            context.addMessage(formId, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    ProblemMessages.of(business, locale), null));
            return true;
        }
        return false;
    }

    /** A confirmation from the page bundle, kept across a redirect. */
    public static void done(FacesContext context, String formId, String key, Locale locale) {
        context.addMessage(formId, new FacesMessage(FacesMessage.SEVERITY_INFO,
                ResourceBundle.getBundle(ProblemMessages.BUNDLE, locale).getString(key), null));
        context.getExternalContext().getFlash().setKeepMessages(true);
    }
}
