package org.lockbox.identity;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set once by the token filter. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new AuthenticationException("The request was not authenticated");
        }
        return caller;
    }

    public void set(Caller caller) {
        this.caller = caller;
    }
}
