package io.picktartup.account.boundary;

import io.picktartup.account.entity.InvalidCredentialsException;
import io.picktartup.account.entity.Registration;
import io.picktartup.platform.boundary.ClientAddress;
import io.picktartup.platform.control.Jsons;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("auth")
@RequestScoped
@Tag(name = "Authentication", description = "Sign up, log in, refresh, log out, and the token signing keys")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from POST /api/auth/login (RS256, at most 15 minutes; keys at /api/auth/jwks)")
public class AuthResource {

    /** Signup: every field is checked at once and each invalid one is named. */
    public static class SignupRequest {
        public String email;
        public String password;
        public String name;
        public String walletPassword;
    }

    public static class LoginRequest {
        @NotBlank
        @Size(max = 254)
        public String email;

        @NotBlank
        @Size(max = 1024)
        public String password;
    }

    public static class RefreshRequest {
        @NotBlank
        @Size(max = 200)
        public String refreshToken;
    }

    public static class LogoutRequest {
        @Size(max = 200)
        public String refreshToken;
    }

    @EJB
    Signup signup;

    @EJB
    Authentication authentication;

    @EJB
    AccountRegistry registry;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign up: an investor account and a new wallet locked with the wallet password",
            description = "Passwords: 8 to 128 characters, not one of the 10,000 most common; the wallet password "
                    + "must differ from the login password. Takes about a second (the wallet's key derivation). "
                    + "Every well-formed signup answers 202 the same way, whether the address has an account or not: "
                    + "a new address is mailed a verification link (no login before it is followed), the owner of an "
                    + "existing one is told someone tried.")
    @APIResponse(responseCode = "202", description = "Accepted: check your mail")
    @APIResponse(responseCode = "400", description = "Invalid fields, each one named (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many signups from this address; Retry-After (auth.too-many-attempts)")
    @APIResponse(responseCode = "409", description = "The operators closed new signups (signups.closed)")
    @APIResponse(responseCode = "503", description = "Wallet creation is saturated; Retry-After (wallet.busy)")
    public Response signUp(@NotNull(message = "a JSON body is required") SignupRequest body) {
        signup.signUp(new Registration(body.email, body.password, body.name, body.walletPassword),
                clientAddress.of(request));
        return Response.accepted(Jsons.PROVIDER.createObjectBuilder().add("status", "check-your-mail")
                .add("detail", "If the address can be used, a mail is on its way to it; follow its link to finish "
                        + "signing up.").build()).type(MediaType.APPLICATION_JSON).build();
    }

    public static class VerifyRequest {
        public String token;
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify the email address with the token of the link mailed at signup (single use, expires)")
    @APIResponse(responseCode = "200", description = "Verified: the account, which may now log in")
    @APIResponse(responseCode = "400", description = "Unknown, used or expired token (account.verification-invalid)")
    public AccountView verify(@NotNull(message = "a JSON body is required") VerifyRequest body) {
        return registry.verifyEmail(body.token);
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in: an access token and a refresh token")
    @APIResponse(responseCode = "200", description = "Tokens")
    @APIResponse(responseCode = "400", description = "Missing fields (problem+json)")
    @APIResponse(responseCode = "401", description = "Wrong email or password (auth.invalid-credentials)")
    @APIResponse(responseCode = "403", description = "Right password, but the email is not verified yet "
            + "(account.email-unverified) or the account is disabled (account.disabled)")
    @APIResponse(responseCode = "429", description = "Too many failures for this account or address; Retry-After")
    public Response login(@NotNull(message = "a JSON body is required") @Valid LoginRequest body) {
        return tokens(TokenResponse.of(authentication.login(body.email, body.password, clientAddress.of(request))));
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a refresh token for new tokens (rotation)",
            description = "Each refresh token works once. Presenting one again revokes its whole session.")
    @APIResponse(responseCode = "200", description = "New tokens; the refresh token given is now used up")
    @APIResponse(responseCode = "400", description = "Missing refresh token (problem+json)")
    @APIResponse(responseCode = "401", description = "Unknown, expired, revoked or reused (auth.refresh-rejected)")
    public Response refresh(@NotNull(message = "a JSON body is required") @Valid RefreshRequest body) {
        return tokens(authentication.refresh(body.refreshToken).map(TokenResponse::of)
                .orElseThrow(InvalidCredentialsException::refresh));
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log out: revoke the session of the refresh token and/or of the Bearer access token")
    @APIResponse(responseCode = "204", description = "Done (also when the token was unknown)")
    public Response logout(LogoutRequest body) {
        if (body != null && body.refreshToken != null) {
            authentication.logout(body.refreshToken);
        }
        if (request.getAttribute(AuthenticationMechanism.SESSION_ID_ATTRIBUTE) instanceof UUID sessionId) {
            authentication.endSession(sessionId);
        }
        return Response.noContent().build();
    }

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Path("jwks")
    @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "The public keys that verify our access tokens (JWKS, RFC 7517)")
    @APIResponse(responseCode = "200", description = "The key set")
    public Response jwks() {
        return Response.ok(authentication.jwks()).header("Cache-Control", "public, max-age=300").build();
    }

    private static Response tokens(TokenResponse tokens) {
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
