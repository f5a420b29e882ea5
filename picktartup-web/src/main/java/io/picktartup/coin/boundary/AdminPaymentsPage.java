package io.picktartup.coin.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;
import java.util.Optional;

/**
 * Backing bean of the admins' payments page: the payment notifications (webhooks and returns) with what was made of
 * each, and the cash-outs' payouts with their statuses, newest first.
 */
@Named
@RequestScoped
public class AdminPaymentsPage {

    @EJB
    PaymentNotices notices;

    @EJB
    CashOuts cashOuts;

    private List<AdminPaymentNoticeResource.NoticeView> noticeViews;
    private List<AdminPayoutResource.PayoutView> payouts;

    public List<AdminPaymentNoticeResource.NoticeView> getNotices() {
        if (noticeViews == null) {
            noticeViews = notices.recent(200).stream().map(AdminPaymentNoticeResource::view).toList();
        }
        return noticeViews;
    }

    public List<AdminPayoutResource.PayoutView> getPayouts() {
        if (payouts == null) {
            payouts = cashOuts.payouts(Optional.empty(), 200).stream().map(AdminPayoutResource.PayoutView::of).toList();
        }
        return payouts;
    }
}
