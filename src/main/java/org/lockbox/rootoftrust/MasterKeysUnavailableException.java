package org.lockbox.rootoftrust;

/** Master keys are not usable, so no key may be served: the server fails closed. */
public class MasterKeysUnavailableException extends RuntimeException {

    public MasterKeysUnavailableException(String reason) {
        super(reason);
    }
}
