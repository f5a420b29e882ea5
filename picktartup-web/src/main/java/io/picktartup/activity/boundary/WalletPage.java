package io.picktartup.activity.boundary;

import io.picktartup.platform.boundary.ViolationMessages;
import io.picktartup.platform.boundary.ProblemMessages;
import jakarta.inject.Inject;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.wallet.boundary.MyWallet;
import io.picktartup.wallet.boundary.WalletBalances;
import io.picktartup.wallet.boundary.WalletTransfers;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Backing bean of the wallet page: balance, sending PKN with the wallet password, and the history. */
@Named
@ViewScoped
public class WalletPage implements Serializable {

    @Inject
    Language language;

    private static final long serialVersionUID = 1L;

    @EJB
    MyWallet wallets;

    @EJB
    WalletBalances balances;

    @EJB
    io.picktartup.wallet.boundary.Spending spending;

    @EJB
    WalletTransfers transfers;

    @EJB
    Activity activity;

    @EJB
    io.picktartup.coin.boundary.CashOuts cashOuts;

    private String cashOutAmount;
    private String bankCode;
    private String accountNumber;
    private String holderName;
    private String cashOutPassword;

    /** Cashes PKN out to the bank account: burned with the wallet key, then paid in won. */
    public String cashOut() {
        var context = FacesContext.getCurrentInstance();
        try {
            cashOuts.request(account, cashOutPassword, cashOutAmount, bankCode, accountNumber, holderName, cashOutKey);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("wallet.cashed-out"), null));
            context.getExternalContext().getFlash().setKeepMessages(true);
            return "/my/wallet?faces-redirect=true";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage("cashout:" + v.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, ViolationMessages.message(v, language.getLocale()), null)));
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
        } finally {
            cashOutPassword = null;
        }
        return null;
    }

    public String getCashOutAmount() {
        return cashOutAmount;
    }

    public void setCashOutAmount(String cashOutAmount) {
        this.cashOutAmount = cashOutAmount;
    }

    public String getBankCode() {
        return bankCode;
    }

    public void setBankCode(String bankCode) {
        this.bankCode = bankCode;
    }

    public String getAccountNumber() {
        return accountNumber;
    }

    public void setAccountNumber(String accountNumber) {
        this.accountNumber = accountNumber;
    }

    public String getHolderName() {
        return holderName;
    }

    public void setHolderName(String holderName) {
        this.holderName = holderName;
    }

    public String getCashOutPassword() {
        return cashOutPassword;
    }

    public void setCashOutPassword(String cashOutPassword) {
        this.cashOutPassword = cashOutPassword;
    }

    private UUID account;
    /** One key per form shown: a re-submitted form is the same transfer or cash-out, never a second one. */
    private final String sendKey = UUID.randomUUID().toString();
    private final String cashOutKey = UUID.randomUUID().toString();
    private String to;
    private String amount;
    private String walletPassword;

    @PostConstruct
    void init() {
        account = Caller.accountId(FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal())
                .orElseThrow();
    }

    /** Sends PKN; on success redirects (post/redirect/get), so a reload can never send it again. */
    public String send() {
        var context = FacesContext.getCurrentInstance();
        try {
            transfers.send(account, walletPassword, to, amount, sendKey);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("wallet.sent"), null));
            context.getExternalContext().getFlash().setKeepMessages(true);
            return "/my/wallet?faces-redirect=true";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage("send:" + v.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, ViolationMessages.message(v, language.getLocale()), null)));
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
        } finally {
            walletPassword = null;
        }
        return null;
    }

    public String getAddress() {
        return wallets.wallet(account).address();
    }

    public String getBalance() {
        try {
            var units = balances.pkn(new WalletAddress(getAddress()));
            return new io.picktartup.wallet.entity.TokenAmount(units).plain() + " PKN";
        } catch (UnavailableException e) {
            return "–";
        }
    }

    public List<Activity.Entry> getHistory() {
        return activity.of(account, 50);
    }

    /** What the wallet may spend now: its balance less what movements on their way hold. */
    public String getSpendable() {
        try {
            return spending.funds(account).spendable().plain() + " PKN";
        } catch (UnavailableException e) {
            return "–";
        }
    }

    /** Something is on its way in or out (the page refreshes itself until it lands). */
    public boolean isInFlight() {
        try {
            if (!spending.funds(account).held().isZero() || activity.pendingIncoming(account).signum() > 0) {
                return true;
            }
        } catch (UnavailableException e) {
            return true;
        }
        return getHistory().stream().anyMatch(e -> io.picktartup.coin.entity.CashOut.Status.BURNED.name()
                .equals(e.status()));
    }

    /**
     * Where the account stands under the rules on PKN leaving the platform (daily limits used, card-bought PKN on
     * hold), in the page's language.
     */
    public List<String> getLimits() {
        var context = FacesContext.getCurrentInstance();
        var bundle = context.getApplication().getResourceBundle(context, "msg");
        return spending.outflowStanding(account).stream()
                .map(line -> new java.text.MessageFormat(bundle.getString(line.messageKey()), language.getLocale())
                        .format(line.arguments().toArray()))
                .toList();
    }

    private static String text(String key) {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg").getString(key);
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getAmount() {
        return amount;
    }

    public void setAmount(String amount) {
        this.amount = amount;
    }

    public String getWalletPassword() {
        return walletPassword;
    }

    public void setWalletPassword(String walletPassword) {
        this.walletPassword = walletPassword;
    }
}
