package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.ProblemMessages;
import jakarta.inject.Inject;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.round.entity.Investment;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** Backing bean of "my investments": each with its status, round, contract PDF, transactions, and cancelling. */
@Named
@ViewScoped
public class MyInvestmentsPage implements Serializable {

    @Inject
    Language language;

    private static final long serialVersionUID = 1L;

    @EJB
    transient Investments investments;

    @EJB
    transient InvestmentSigning signing;

    private List<InvestmentView> list;
    private String cancelId;
    private String walletPassword;

    public List<InvestmentView> getInvestments() {
        if (list == null) {
            list = investments.mine(200).stream()
                    .map(h -> InvestmentView.of(h, investments.currentPricePerShareKrw(h.startup().id()))).toList();
        }
        return list;
    }

    /** Something is still on its way: the page refreshes itself (a GET, never a re-submit). */
    public boolean isInFlight() {
        return getInvestments().stream().anyMatch(i -> io.picktartup.round.entity.Investment.Status.ON_ITS_WAY
                .contains(io.picktartup.round.entity.Investment.Status.valueOf(i.status())));
    }

    /** Cancels the whole position in that investment's round with the wallet password. */
    public String cancel() {
        var context = FacesContext.getCurrentInstance();
        try {
            signing.cancel(UUID.fromString(cancelId), walletPassword);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("investments.cancelling"), null));
            context.getExternalContext().getFlash().setKeepMessages(true);
            return "/my/investments?faces-redirect=true";
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
        } catch (IllegalArgumentException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text("investments.choose"), null));
        } finally {
            walletPassword = null;
        }
        return null;
    }

    public List<InvestmentView> getCancellable() {
        return getInvestments().stream().filter(i -> Investment.Status.CONFIRMED.name().equals(i.status())).toList();
    }

    public String getCancelId() {
        return cancelId;
    }

    public void setCancelId(String cancelId) {
        this.cancelId = cancelId;
    }

    public String getWalletPassword() {
        return walletPassword;
    }

    public void setWalletPassword(String walletPassword) {
        this.walletPassword = walletPassword;
    }

    public String pkn(String plain) {
        return RoundPages.pkn(plain);
    }

    public String won(long krw) {
        return RoundPages.won(krw);
    }

    private static String text(String key) {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg").getString(key);
    }
}
