package io.picktartup.mail.boundary;

import io.picktartup.mail.entity.MailMessage;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/** Backing bean of the admins' mail page: the outbox, newest first (queued, sent, failed, attempts, last error). */
@Named
@RequestScoped
public class AdminMailPage {

    @EJB
    MailDeliveries deliveries;

    private String status;
    private List<AdminMailResource.MailView> mails;

    public List<AdminMailResource.MailView> getMails() {
        if (mails == null) {
            mails = deliveries.recent(AdminMailResource.status(status), 200).stream().map(AdminMailResource::view)
                    .toList();
        }
        return mails;
    }

    public long count(String status) {
        return deliveries.count(MailMessage.Status.valueOf(status));
    }

    public MailMessage.Status[] getStatuses() {
        return MailMessage.Status.values();
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
