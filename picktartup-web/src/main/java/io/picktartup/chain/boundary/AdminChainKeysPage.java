package io.picktartup.chain.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;

/** Backing bean of the operators' chain keys page: each signing key, its role, its gas money, what is wrong. */
@Named
@ViewScoped
public class AdminChainKeysPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient ChainKeyStatus keys;

    private ChainKeyStatus.Status status;

    @PostConstruct
    void load() {
        status = keys.status();
    }

    public ChainKeyStatus.Status getStatus() {
        return status;
    }
}
