package io.picktartup.account.boundary;

import io.picktartup.platform.boundary.AccountIds;
import io.picktartup.platform.entity.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The caller's own account ("my page"). Any other account id answers 404, as if it did not exist. */
@Path("accounts/{id}")
// one instance, not one per request: creating and injecting a request-scoped resource (its EJB references, the
// validation interceptor, its @Context fields, which Jersey fills with per-request proxies) was a fifth of a
// GET /api/accounts/me (bench/request.sh profile)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My account", description = "The caller's own profile, password and sessions")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "404", description = "Not the caller's account (or no such account)")
public class AccountResource {

    public static class RenameRequest {
        public String name;
    }

    public static class EmailChangeRequest {
        public String email;
        public String password;
    }

    public static class LoginPasswordChangeRequest {
        public String currentPassword;
        public String newPassword;
    }

    @EJB
    MyAccount myAccount;

    @Inject
    Profiles profiles;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "The account: email, name, role, investor category, wallet address")
    @APIResponse(responseCode = "200", description = "The account")
    public AccountView get(@Parameter(description = "the account id, or `me`") @PathParam("id") String id) {
        var caller = security.getUserPrincipal();
        UUID accountId = AccountIds.resolve(id, caller);
        if (!Caller.accountId(caller).map(accountId::equals).orElse(false)) {
            return myAccount.profile(accountId); // not the caller's own: the boundary answers 404
        }
        // the caller's own profile, as remembered for a moment (Profiles): no container call, no database
        return profiles.own(accountId, () -> myAccount.profile(accountId));
    }

    @PUT
    @Path("name")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the display name")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "400", description = "Invalid name (problem+json)")
    public AccountView rename(@PathParam("id") String id,
                              @NotNull(message = "a JSON body is required") @Valid RenameRequest body) {
        return myAccount.rename(AccountIds.resolve(id, security.getUserPrincipal()), body.name);
    }

    @PUT
    @Path("email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the email; the current password is asked again")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "400", description = "Invalid email (problem+json)")
    @APIResponse(responseCode = "403", description = "Wrong current password (account.password-wrong)")
    @APIResponse(responseCode = "409", description = "The email belongs to another account")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords; Retry-After")
    public AccountView changeEmail(@PathParam("id") String id,
                                   @NotNull(message = "a JSON body is required") @Valid EmailChangeRequest body) {
        return myAccount.changeEmail(AccountIds.resolve(id, security.getUserPrincipal()), body.email, body.password);
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the login password; the current one is asked again",
            description = "Every other session of the account ends at once (their access and refresh tokens stop "
                    + "working); the caller's session goes on. Also the way out of account.password-change-required.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "The new password is invalid or the same (problem+json, fields named)")
    @APIResponse(responseCode = "403", description = "Wrong current password (account.password-wrong)")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords; Retry-After")
    public Response changePassword(@PathParam("id") String id,
                                   @NotNull(message = "a JSON body is required") LoginPasswordChangeRequest body) {
        UUID keep = request.getAttribute(AuthenticationMechanism.SESSION_ID_ATTRIBUTE) instanceof UUID sid ? sid : null;
        myAccount.changePassword(AccountIds.resolve(id, security.getUserPrincipal()), body.currentPassword,
                body.newPassword, keep);
        return Response.noContent().build();
    }

    @DELETE
    @Path("sessions")
    @Operation(summary = "Log out everywhere: every session of the account ends, this one included")
    @APIResponse(responseCode = "204", description = "Every session ended; the access token used here stops working too")
    public Response logoutEverywhere(@PathParam("id") String id) {
        myAccount.logoutEverywhere(AccountIds.resolve(id, security.getUserPrincipal()));
        return Response.noContent().build();
    }
}
