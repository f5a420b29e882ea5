package io.picktartup.account.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.account.entity.InvestorCategory;
import io.picktartup.account.entity.Role;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Account administration (role ADMIN; anyone else gets 403, enforced by web.xml and again by the EJB). */
@Path("admin/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: accounts", description = "Accounts as operators see them (ADMIN only)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No, an expired or an invalid access token (problem+json)")
@APIResponse(responseCode = "403", description = "The caller is not an admin (problem+json)")
public class AdminAccountResource {

    public static class CategoryRequest {
        public String category;
    }

    @EJB
    AccountAdministration administration;

    @GET
    @Operation(summary = "Accounts, oldest first, a page at a time")
    @APIResponse(responseCode = "200", description = "One page of accounts")
    @APIResponse(responseCode = "400", description = "Invalid paging (problem+json)")
    public List<AccountView> list(@QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("size") @DefaultValue("50") int size) {
        // checked here, not with @Min/@Max: Payara's OpenAPI scanner fails on those on query parameters
        var violations = new java.util.ArrayList<InvalidInputException.Violation>();
        if (page < 0) {
            violations.add(InvalidInputException.Violation.of("page", FieldRule.ZERO_OR_MORE));
        }
        if (size < 1 || size > 100) {
            violations.add(InvalidInputException.Violation.of("size", FieldRule.BETWEEN, 1, 100));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.size() + " fields are invalid.", violations);
        }
        return administration.list(page, size);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One account")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "404", description = "No such account")
    public AccountView get(@PathParam("id") String id) {
        return administration.find(uuid(id));
    }

    @PUT
    @Path("{id}/category")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the investor category (GENERAL, QUALIFIED, PROFESSIONAL); audited")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "400", description = "Unknown category (problem+json)")
    @APIResponse(responseCode = "404", description = "No such account")
    public AccountView classify(@PathParam("id") String id,
                                @NotNull(message = "a JSON body is required") CategoryRequest body) {
        InvestorCategory category;
        try {
            category = InvestorCategory.valueOf(String.valueOf(body.category));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("category", FieldRule.ONE_OF, "GENERAL, QUALIFIED, PROFESSIONAL");
        }
        return administration.classify(uuid(id), category);
    }

    public static class RoleRequest {
        public String role;
    }

    @PUT
    @Path("{id}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the account's role (INVESTOR, STARTUP, ADMIN); a startup's CEO must be STARTUP; audited")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "400", description = "Unknown role (problem+json)")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "The caller's own account (account.self-lockout)")
    public AccountView assignRole(@PathParam("id") String id,
                                  @NotNull(message = "a JSON body is required") RoleRequest body) {
        Role role;
        try {
            role = Role.valueOf(String.valueOf(body.role));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", FieldRule.ONE_OF, "INVESTOR, STARTUP, ADMIN");
        }
        return administration.assignRole(uuid(id), role);
    }

    @POST
    @Path("{id}/unlock")
    @Operation(summary = "Lift the account's password throttles (login from every address, the password asked again, "
            + "the wallet password); audited")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "404", description = "No such account")
    public AccountView unlock(@PathParam("id") String id) {
        return administration.unlock(uuid(id));
    }

    @POST
    @Path("{id}/disable")
    @Operation(summary = "Disable the account: no login, every session ends at once; audited")
    @APIResponse(responseCode = "200", description = "The account (status DISABLED)")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "The caller's own account (account.self-lockout)")
    public AccountView disable(@PathParam("id") String id) {
        return administration.disable(uuid(id));
    }

    @POST
    @Path("{id}/enable")
    @Operation(summary = "Enable a disabled account again; audited")
    @APIResponse(responseCode = "200", description = "The account (status ACTIVE)")
    @APIResponse(responseCode = "404", description = "No such account")
    public AccountView enable(@PathParam("id") String id) {
        return administration.enable(uuid(id));
    }

    private static UUID uuid(String id) {
        return io.picktartup.platform.boundary.PathIds.uuid("Account", id);
    }
}
