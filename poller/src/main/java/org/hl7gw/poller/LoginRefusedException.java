package org.hl7gw.poller;

/** The server refused the login (wrong password, key not authorized, account locked). */
public class LoginRefusedException extends PollerException {
    private static final long serialVersionUID = 1L;

    public LoginRefusedException(String message) {
        super(message);
    }

    public LoginRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
