package io.picktartup.waitlist.boundary;

import io.picktartup.waitlist.entity.WaitlistEntry;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/** Backing bean of the admins' waitlist page: the latest entries, the size, and the CSV export. */
@Named
@ViewScoped
public class AdminWaitlistPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 200;

    @EJB
    transient Waitlist waitlist;

    private transient List<WaitlistEntry> entries;

    public List<WaitlistEntry> getEntries() {
        if (entries == null) {
            entries = waitlist.entries(SHOWN);
        }
        return entries;
    }

    public long getSize() {
        return waitlist.size();
    }

    public int getShown() {
        return SHOWN;
    }

    /** Sends every entry as waitlist.csv (UTF-8 with a byte order mark: Excel reads the Korean). */
    public void export() throws IOException {
        var context = FacesContext.getCurrentInstance();
        byte[] csv = waitlist.export();
        var external = context.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseContentLength(csv.length);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"waitlist.csv\"");
        external.setResponseHeader("Cache-Control", "no-store");
        try (var out = external.getResponseOutputStream()) {
            out.write(csv);
        }
        context.responseComplete();
    }
}
