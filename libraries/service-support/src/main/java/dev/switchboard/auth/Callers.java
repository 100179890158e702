package dev.switchboard.auth;

import dev.switchboard.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/** The request's {@link Caller}, as {@link BearerAuthentication} established it. */
@ApplicationScoped
public class Callers {

    /** The SecurityIdentity attribute under which the authentication mechanism leaves the caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    private final SecurityIdentity identity;

    Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** @throws ProblemException 401 without a verified token */
    public Caller current() {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw ProblemException.unauthorized("unauthenticated", "a valid bearer token is required");
        }
        return caller;
    }
}
