package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.Setting;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** Backing bean of the operators' switches page: investments and signups open or closed, request metrics and access log on or off. */
@Named
@ViewScoped
public class AdminSettingsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient PlatformSwitches switches;

    @Inject
    Language language;

    private transient List<Setting> list;

    public List<Setting> getSwitches() {
        if (list == null) {
            list = switches.list();
        }
        return list;
    }

    /** Whether a switch reads "on/off" (the observation switches) rather than "open/closed". */
    public boolean onOff(String key) {
        return PlatformSwitches.OBSERVATION.contains(key);
    }

    /** Sets one switch to "true" or "false". */
    public String set(String key, String value) {
        var context = FacesContext.getCurrentInstance();
        try {
            switches.set(key, value);
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
            return null;
        }
        PageProblems.done(context, null, "settings.changed", language.getLocale());
        return "/admin/settings?faces-redirect=true";
    }
}
