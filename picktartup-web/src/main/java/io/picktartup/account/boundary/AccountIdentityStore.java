package io.picktartup.account.boundary;

import io.picktartup.account.entity.AccountDisabledException;
import io.picktartup.account.entity.EmailUnverifiedException;
import io.picktartup.account.entity.Identity;
import io.picktartup.account.entity.InvalidCredentialsException;
import io.picktartup.platform.entity.TooManyAttemptsException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;

/**
 * The one identity store: email and password against the accounts table, through {@link Authentication} (the same
 * throttled check as the API login). The caller principal's name is the account id; its one group is the role.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @EJB
    Authentication authentication;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String address = credential instanceof AddressedCredential addressed ? addressed.clientAddress() : null;
        try {
            Identity identity = authentication.verify(login.getCaller(), login.getPasswordAsString(), address);
            return new CredentialValidationResult(new CallerPrincipal(identity.accountId().toString()),
                    Set.of(identity.role().name()));
        } catch (InvalidCredentialsException e) {
            return CredentialValidationResult.INVALID_RESULT;
        } catch (EmailUnverifiedException | AccountDisabledException e) {
            if (credential instanceof AddressedCredential addressed) {
                addressed.refused(e.code());
            }
            return CredentialValidationResult.INVALID_RESULT;
        } catch (TooManyAttemptsException e) {
            if (credential instanceof AddressedCredential addressed) {
                addressed.throttled(e.retryAfterSeconds());
            }
            return CredentialValidationResult.INVALID_RESULT;
        }
    }
}
