package io.picktartup.coin.boundary;

import io.picktartup.coin.entity.Payout;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** Backing bean of the admins' payouts page: every payout with its attempts, next try, last error and status. */
@Named
@ViewScoped
public class AdminPayoutsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    CashOuts cashOuts;

    private String status;
    private transient List<AdminPayoutResource.PayoutView> payouts;

    public List<AdminPayoutResource.PayoutView> getPayouts() {
        if (payouts == null) {
            payouts = cashOuts.payouts(AdminPayoutResource.status(status), 200).stream()
                    .map(AdminPayoutResource.PayoutView::of).toList();
        }
        return payouts;
    }

    public Payout.Status[] getStatuses() {
        return Payout.Status.values();
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
