package io.picktartup.coin.boundary;

import io.picktartup.platform.boundary.ProblemMessages;
import io.picktartup.platform.boundary.Language;
import io.picktartup.coin.control.PaymentSettings;
import io.picktartup.coin.entity.CoinOrder;
import io.picktartup.coin.entity.OrderStatus;
import io.picktartup.coin.entity.PaymentNotice;
import io.picktartup.platform.control.Jsons;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.wallet.boundary.MyWallet;
import io.picktartup.wallet.boundary.WalletBalances;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Backing bean of "Buy PKN": place an order, go to the gateway's checkout, come back, watch it complete. */
@Named
@ViewScoped
public class CoinsPage implements Serializable {

    @Inject
    Language language;

    private static final long serialVersionUID = 1L;

    @EJB
    CoinPurchases purchases;

    @EJB
    MyWallet wallets;

    @EJB
    WalletBalances balances;

    @Inject
    PaymentSettings payments;

    private UUID account;
    private String krwAmount;
    private String paymentId;
    private String checkoutScript;

    @PostConstruct
    void init() {
        account = Caller.accountId(FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal())
                .orElseThrow();
    }

    /** Back from the checkout with {@code ?paymentId=…}: ask the gateway now (the webhook may come before or after). */
    public void onReturn() {
        if (paymentId == null || paymentId.isBlank()) {
            return;
        }
        try {
            purchases.confirm(paymentId, PaymentNotice.Source.RETURN, null, Optional.of(account));
        } catch (BusinessException e) {
            message(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()));
        } catch (RuntimeException e) {
            // the gateway is unreachable now: the webhook will complete the order
            message(FacesMessage.SEVERITY_WARN, text("coins.confirm-later"));
        }
    }

    /** Places the order and prepares the browser SDK call that takes the buyer to the checkout. */
    public void buy() {
        try {
            CoinOrder order = purchases.place(account, wallets.wallet(account).address(), krwAmount);
            var context = FacesContext.getCurrentInstance().getExternalContext();
            String back = context.getRequestScheme() + "://" + context.getRequestServerName() + ":"
                    + context.getRequestServerPort() + context.getRequestContextPath() + "/my/coins.xhtml?paymentId="
                    + order.paymentId();
            var request = Jsons.PROVIDER.createObjectBuilder()
                    .add("storeId", payments.storeId().orElse(""))
                    .add("paymentId", order.paymentId())
                    .add("orderName", order.tokens() + " (Picktartup)")
                    .add("totalAmount", order.amount().value())
                    .add("currency", "KRW")
                    .add("payMethod", "CARD")
                    .add("redirectUrl", back);
            payments.channelKey().ifPresent(key -> request.add("channelKey", key));
            // JSON from the builder; "</" escaped so nothing in it can close the script element
            checkoutScript = "window.picktartupCheckout = " + request.build().toString().replace("</", "<\\/") + ";";
        } catch (io.picktartup.coin.entity.OrderLimitException e) {
            FacesContext.getCurrentInstance().addMessage("buy:amount", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    ProblemMessages.of("coin.order-limit", e.extensions(), language.getLocale()), null));
        } catch (BusinessException e) {
            FacesContext.getCurrentInstance().addMessage("buy:amount",
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
        }
    }

    public List<CoinOrder> getOrders() {
        return purchases.ordersOf(account, 20);
    }

    /** Whether an order is still on its way, so the page refreshes itself. */
    public boolean isInFlight() {
        return getOrders().stream().anyMatch(o -> o.status() == OrderStatus.PAID || o.status() == OrderStatus.MINTING);
    }

    public String getBalance() {
        try {
            var units = balances.pkn(new WalletAddress(wallets.wallet(account).address()));
            return new io.picktartup.wallet.entity.TokenAmount(units).plain() + " PKN";
        } catch (UnavailableException e) {
            return "–";
        }
    }

    public String getBrowserSdkUrl() {
        return payments.browserSdkUrl().toString();
    }

    public String getCheckoutScript() {
        return checkoutScript;
    }

    public String getKrwAmount() {
        return krwAmount;
    }

    public void setKrwAmount(String krwAmount) {
        this.krwAmount = krwAmount;
    }

    public String getPaymentId() {
        return paymentId;
    }

    public void setPaymentId(String paymentId) {
        this.paymentId = paymentId;
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    private static String text(String key) {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg").getString(key);
    }
}
