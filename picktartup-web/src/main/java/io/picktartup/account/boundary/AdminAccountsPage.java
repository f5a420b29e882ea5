package io.picktartup.account.boundary;

import io.picktartup.account.entity.InvestorCategory;
import io.picktartup.account.entity.Role;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Backing bean of /admin/accounts.xhtml: the accounts, newest first, found by a part of their email, a page at a
 * time, and per account disable / enable, unlock
 * (lift password throttles), role and investor category. Each action is one {@link AccountAdministration} call,
 * effective from the account's next request.
 */
@Named
@ViewScoped
public class AdminAccountsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;

    @EJB
    AccountAdministration administration;

    @Inject
    Language language;

    private int page;
    private String query;
    private List<AccountView> accounts;
    private final Map<UUID, String> roles = new HashMap<>();
    private final Map<UUID, String> categories = new HashMap<>();

    @PostConstruct
    void load() {
        accounts = administration.search(query, page, PAGE_SIZE);
        roles.clear();
        categories.clear();
        accounts.forEach(a -> {
            roles.put(a.id(), a.role().name());
            categories.put(a.id(), a.investorCategory().name());
        });
    }

    public void disable(AccountView account) {
        act(() -> administration.disable(account.id()), "admin-accounts.disabled");
    }

    public void enable(AccountView account) {
        act(() -> administration.enable(account.id()), "admin-accounts.enabled");
    }

    public void unlock(AccountView account) {
        act(() -> administration.unlock(account.id()), "admin-accounts.unlocked");
    }

    public void assignRole(AccountView account) {
        act(() -> administration.assignRole(account.id(), Role.valueOf(roles.get(account.id()))), "admin-accounts.saved");
    }

    public void classify(AccountView account) {
        act(() -> administration.classify(account.id(), InvestorCategory.valueOf(categories.get(account.id()))),
                "admin-accounts.saved");
    }

    public void search() {
        page = 0;
        load();
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public void next() {
        if (accounts.size() == PAGE_SIZE) {
            page++;
            load();
        }
    }

    public void previous() {
        if (page > 0) {
            page--;
            load();
        }
    }

    private void act(Runnable action, String doneKey) {
        var context = FacesContext.getCurrentInstance();
        try {
            action.run();
            Problems.done(context, null, doneKey, language.getLocale());
        } catch (BusinessException e) {
            Problems.show(context, null, e, language.getLocale());
        }
        load();
    }

    public List<AccountView> getAccounts() {
        return accounts;
    }

    public Map<UUID, String> getRoles() {
        return roles;
    }

    public Map<UUID, String> getCategories() {
        return categories;
    }

    public Role[] getRoleValues() {
        return Role.values();
    }

    public InvestorCategory[] getCategoryValues() {
        return InvestorCategory.values();
    }

    public int getPage() {
        return page;
    }
}
