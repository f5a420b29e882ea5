package io.picktartup.account.boundary;

import io.picktartup.platform.boundary.ViolationMessages;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The account pages' way of showing a refusal: the problem code's text in the page's language
 * ({@link io.picktartup.platform.boundary.ProblemMessages}); invalid fields each under their form.
 */
final class Problems {

    private Problems() {
    }

    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("io.picktartup.web.messages", locale);
    }

    static String text(BusinessException e, Locale locale) {
        return io.picktartup.platform.boundary.ProblemMessages.of(e, locale);
    }

    static void show(FacesContext context, String clientId, RuntimeException e, Locale locale) {
        if (e instanceof InvalidInputException invalid) {
            invalid.violations().forEach(v -> context.addMessage(clientId,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, ViolationMessages.of(v, locale), null)));
        } else if (e instanceof BusinessException business) {
            context.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(business, locale), null));
        } else {
            throw e;
        }
    }

    static void done(FacesContext context, String clientId, String key, Locale locale) {
        context.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_INFO, bundle(locale).getString(key), null));
    }
}
