package org.lockbox.identity;

/** The request carries no acceptable token; the message is safe to return and never contains the token. */
public class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }
}
