package io.picktartup.round.boundary;

import io.picktartup.kyc.boundary.KycReviews;
import io.picktartup.kyc.entity.KycReview;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** Backing bean of "my shares": holdings with their lock-up, a transfer to a verified wallet, and the KYC form. */
@Named
@ViewScoped
public class MySharesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Shares shares;

    @EJB
    transient KycReviews kyc;

    @EJB
    transient ShareRecoveries recoveries;

    @jakarta.inject.Inject
    io.picktartup.platform.boundary.Language language;

    private List<Shares.Holding> holdings;
    private String roundId;
    private String to;
    private String amount;
    private String walletPassword;
    private String fullName;
    private String birthDate;
    private String documentNumber;
    private String newWalletPassword;
    private List<io.picktartup.round.entity.ShareRecovery> myRecoveries;

    public List<Shares.Holding> getHoldings() {
        if (holdings == null) {
            holdings = shares.mine();
        }
        return holdings;
    }

    public List<Shares.Holding> getTransferable() {
        return getHoldings().stream().filter(h -> !h.lockedUp() && h.balance() > 0).toList();
    }

    public KycReview getReview() {
        return kyc.mine().orElse(null);
    }

    public String transfer() {
        var context = FacesContext.getCurrentInstance();
        try {
            long count;
            try {
                count = Long.parseLong(amount == null ? "" : amount.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("shares", "must be a whole number of shares above zero");
            }
            shares.transfer(UUID.fromString(roundId), to, count, walletPassword);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("shares.sent"), null));
            context.getExternalContext().getFlash().setKeepMessages(true);
            return "/my/shares?faces-redirect=true";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage("transfer:" + ("shares".equals(v.field()) ? "amount" : v.field()),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, v.message(), null)));
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    io.picktartup.platform.boundary.ProblemMessages.of(e, language.getLocale()), null));
        } catch (IllegalArgumentException | NullPointerException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text("shares.choose"), null));
        } finally {
            walletPassword = null;
        }
        return null;
    }

    /** The caller's recoveries of a lost wallet, newest first. */
    public List<io.picktartup.round.entity.ShareRecovery> getRecoveries() {
        if (myRecoveries == null) {
            myRecoveries = recoveries.mine();
        }
        return myRecoveries;
    }

    /** Lost wallet: a new one, and the recovery of the lost one's shares asked. */
    public String askRecovery() {
        var context = FacesContext.getCurrentInstance();
        try {
            recoveries.ask(newWalletPassword);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("recovery.asked"), null));
            context.getExternalContext().getFlash().setKeepMessages(true);
            return "/my/shares?faces-redirect=true";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage("recovery:newWalletPassword",
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, v.message(), null)));
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    io.picktartup.platform.boundary.ProblemMessages.of(e, language.getLocale()), null));
        } finally {
            newWalletPassword = null;
        }
        return null;
    }

    public String submitKyc() {
        var context = FacesContext.getCurrentInstance();
        try {
            kyc.submit(fullName, birthDate, documentNumber);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("kyc.submitted"), null));
            context.getExternalContext().getFlash().setKeepMessages(true);
            return "/my/shares?faces-redirect=true";
        } catch (InvalidInputException e) {
            // each field's problem beside its field
            e.violations().forEach(v -> context.addMessage("kyc:" + v.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, v.message(), null)));
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    io.picktartup.platform.boundary.ProblemMessages.of(e, language.getLocale()), null));
        }
        return null;
    }

    private static String text(String key) {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg").getString(key);
    }

    public String getNewWalletPassword() { return newWalletPassword; }
    public void setNewWalletPassword(String newWalletPassword) { this.newWalletPassword = newWalletPassword; }
    public String getRoundId() { return roundId; }
    public void setRoundId(String roundId) { this.roundId = roundId; }
    public String getTo() { return to; }
    public void setTo(String to) { this.to = to; }
    public String getAmount() { return amount; }
    public void setAmount(String amount) { this.amount = amount; }
    public String getWalletPassword() { return walletPassword; }
    public void setWalletPassword(String walletPassword) { this.walletPassword = walletPassword; }
    public String getFullName() { return fullName; }
    public void setFullName(String fullName) { this.fullName = fullName; }
    public String getBirthDate() { return birthDate; }
    public void setBirthDate(String birthDate) { this.birthDate = birthDate; }
    public String getDocumentNumber() { return documentNumber; }
    public void setDocumentNumber(String documentNumber) { this.documentNumber = documentNumber; }
}
