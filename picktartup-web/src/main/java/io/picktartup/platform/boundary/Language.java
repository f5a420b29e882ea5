package io.picktartup.platform.boundary;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The language of the pages for this visitor: Korean by default, English on request. Chosen from the browser's
 * preference on the first page, then kept for the session.
 */
@Named
@SessionScoped
public class Language implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final List<String> SUPPORTED = List.of("ko", "en");

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            var context = FacesContext.getCurrentInstance();
            // without an Accept-Language header the container reports its own default locale: ignore that
            boolean asked = context != null
                    && context.getExternalContext().getRequestHeaderMap().get("Accept-Language") != null;
            var requested = asked ? context.getExternalContext().getRequestLocale() : null;
            locale = requested != null && SUPPORTED.contains(requested.getLanguage())
                    ? Locale.forLanguageTag(requested.getLanguage()) : Locale.KOREAN;
        }
        return locale;
    }

    public String getCode() {
        return getLocale().getLanguage();
    }

    /** Switches the language; anything but a supported code is ignored. */
    public void change(String code) {
        if (SUPPORTED.contains(code)) {
            locale = Locale.forLanguageTag(code);
            FacesContext.getCurrentInstance().getViewRoot().setLocale(locale);
        }
    }

    public List<String> getSupported() {
        return SUPPORTED;
    }
}
