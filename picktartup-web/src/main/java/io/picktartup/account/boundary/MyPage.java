package io.picktartup.account.boundary;

import io.picktartup.platform.boundary.ViolationMessages;
import io.picktartup.platform.boundary.ProblemMessages;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.wallet.boundary.MyWallet;
import io.picktartup.wallet.boundary.WalletBalances;
import io.picktartup.wallet.boundary.WalletResource;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ResourceBundle;
import java.util.UUID;

/**
 * Backing bean of my page: the profile (rename, change the email with the password), the wallet (address, PKN
 * balance, new wallet password, keystore export).
 */
@Named
@ViewScoped
public class MyPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    MyAccount myAccount;

    @EJB
    MyWallet myWallet;

    @EJB
    WalletBalances balances;

    @Inject
    Language language;

    /** Read, not injected: a config-property injection is not passivation-capable (a view-scoped bean's must be). */
    private final String tokenSymbol = ConfigProvider.getConfig()
            .getOptionalValue("picktartup.token.symbol", String.class).orElse("PKN");

    private AccountView account;
    private String newName;
    private String newEmail;
    private String emailPassword;
    private String currentWalletPassword;
    private String newWalletPassword;
    private String exportWalletPassword;

    @PostConstruct
    void load() {
        var principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
        account = myAccount.profile(UUID.fromString(principal.getName()));
        newName = account.name();
        newEmail = account.email();
    }

    /** The wallet's PKN balance for display, e.g. "0 PKN" (from {@link WalletBalances}, the one source of it). */
    public String getBalance() {
        if (account.walletAddress() == null) {
            return "–";
        }
        try {
            var units = balances.pkn(new WalletAddress(account.walletAddress()));
            return new io.picktartup.wallet.entity.TokenAmount(units).plain() + " " + tokenSymbol;
        } catch (io.picktartup.platform.entity.UnavailableException e) {
            return "–";
        }
    }

    public void rename() {
        run(() -> account = myAccount.rename(account.id(), newName), "my:profile-name", "my.saved");
    }

    public void changeEmail() {
        try {
            run(() -> account = myAccount.changeEmail(account.id(), newEmail, emailPassword), "my:email-form",
                    "my.saved");
        } finally {
            emailPassword = null;
        }
    }

    public void changeWalletPassword() {
        try {
            run(() -> myWallet.changePassword(account.id(), currentWalletPassword, newWalletPassword),
                    "my:wallet-password-form", "my.wallet-password-changed");
        } finally {
            currentWalletPassword = null;
            newWalletPassword = null;
        }
    }

    /** Sends the keystore file as a download when the wallet password is right. */
    public void exportKeystore() throws IOException {
        var context = FacesContext.getCurrentInstance();
        String keystore;
        try {
            keystore = myWallet.exportKeystore(account.id(), exportWalletPassword);
        } catch (BusinessException e) {
            context.addMessage("my:export-form", new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
            return;
        } finally {
            exportWalletPassword = null;
        }
        var external = context.getExternalContext();
        external.responseReset();
        external.setResponseContentType("application/json");
        external.setResponseCharacterEncoding(StandardCharsets.UTF_8.name());
        external.setResponseHeader("Content-Disposition",
                "attachment; filename=\"" + WalletResource.fileName(account.walletAddress()) + "\"");
        external.setResponseHeader("Cache-Control", "no-store");
        external.getResponseOutputWriter().write(keystore);
        context.responseComplete();
    }

    private void run(Runnable action, String form, String doneKey) {
        var context = FacesContext.getCurrentInstance();
        try {
            action.run();
            var bundle = ResourceBundle.getBundle("io.picktartup.web.messages", language.getLocale());
            context.addMessage(form, new FacesMessage(FacesMessage.SEVERITY_INFO, bundle.getString(doneKey), null));
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage(form,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, ViolationMessages.of(v, language.getLocale()), null)));
        } catch (BusinessException e) {
            context.addMessage(form, new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
        }
    }

    public AccountView getAccount() {
        return account;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewEmail() {
        return newEmail;
    }

    public void setNewEmail(String newEmail) {
        this.newEmail = newEmail;
    }

    public String getEmailPassword() {
        return emailPassword;
    }

    public void setEmailPassword(String emailPassword) {
        this.emailPassword = emailPassword;
    }

    public String getCurrentWalletPassword() {
        return currentWalletPassword;
    }

    public void setCurrentWalletPassword(String currentWalletPassword) {
        this.currentWalletPassword = currentWalletPassword;
    }

    public String getNewWalletPassword() {
        return newWalletPassword;
    }

    public void setNewWalletPassword(String newWalletPassword) {
        this.newWalletPassword = newWalletPassword;
    }

    public String getExportWalletPassword() {
        return exportWalletPassword;
    }

    public void setExportWalletPassword(String exportWalletPassword) {
        this.exportWalletPassword = exportWalletPassword;
    }
}
