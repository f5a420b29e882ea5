package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.ViolationMessages;
import io.picktartup.platform.boundary.ProblemMessages;
import jakarta.inject.Inject;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.round.entity.Investment;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.UUID;

/**
 * Backing bean of the invest flow: amount (reserve) → the contract, shown inline → sign with the wallet password →
 * the list of my investments. Each step ends in a redirect (post/redirect/get): a reload never reserves or signs
 * twice.
 */
@Named
@ViewScoped
public class InvestPage implements Serializable {

    @Inject
    Language language;

    private static final long serialVersionUID = 1L;

    @EJB
    transient Rounds rounds;

    @EJB
    transient Investments investments;

    @EJB
    transient Reservations reservations;

    @EJB
    transient InvestmentSigning signing;

    private String roundId;
    private String investmentId;
    private RoundView round;
    private InvestmentView investment;
    private String amount;
    private String walletPassword;
    /** One key per form shown: a re-submitted form is the same reservation, never a second one. */
    private final String reserveKey = UUID.randomUUID().toString();

    public void load() {
        try {
            if (investmentId != null && !investmentId.isBlank()) {
                investment = InvestmentView.of(investments.holding(UUID.fromString(investmentId)));
                roundId = investment.roundId();
            }
            if (roundId != null && !roundId.isBlank()) {
                round = RoundView.of(rounds.view(UUID.fromString(roundId)));
            }
        } catch (IllegalArgumentException | NotFoundException e) {
            round = null;
            investment = null;
        } catch (EJBException e) {
            if (!(e.getCause() instanceof NotFoundException)) {
                throw e;
            }
            round = null;
            investment = null;
        }
    }

    /** Step 1: holds room for the amount; then shows the contract. */
    public String reserve() {
        var context = FacesContext.getCurrentInstance();
        try {
            var reserved = reservations.reserve(UUID.fromString(roundId), amount, reserveKey);
            return "/my/invest?faces-redirect=true&investment=" + reserved.investment().id();
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage("reserve:" + v.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, ViolationMessages.message(v, language.getLocale()), null)));
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
        }
        return null;
    }

    /** Step 3: signs the contract shown with the wallet password; the deposit goes on chain. */
    public String sign() {
        var context = FacesContext.getCurrentInstance();
        try {
            signing.sign(UUID.fromString(investmentId), walletPassword);
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("invest.signed"), null));
            context.getExternalContext().getFlash().setKeepMessages(true);
            return "/my/investments?faces-redirect=true";
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage("sign:" + v.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, ViolationMessages.message(v, language.getLocale()), null)));
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
        } finally {
            walletPassword = null;
        }
        return null;
    }

    public boolean isSignable() {
        return investment != null && Investment.Status.RESERVED.name().equals(investment.status());
    }

    public RoundView getRound() {
        return round;
    }

    public InvestmentView getInvestment() {
        return investment;
    }

    public String getRoundId() {
        return roundId;
    }

    public void setRoundId(String roundId) {
        this.roundId = roundId;
    }

    public String getInvestmentId() {
        return investmentId;
    }

    public void setInvestmentId(String investmentId) {
        this.investmentId = investmentId;
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

    public String pkn(String plain) {
        return RoundPages.pkn(plain);
    }

    public String won(long krw) {
        return RoundPages.won(krw);
    }

    public String seoul(java.time.Instant instant) {
        return RoundPages.seoul(instant);
    }

    private static String text(String key) {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg").getString(key);
    }
}
