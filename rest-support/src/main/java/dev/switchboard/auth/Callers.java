package dev.switchboard.auth;

import dev.switchboard.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/** The request's {@link Caller}, from the identity the authentication mechanism established for it. */
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
        if (caller != null) {
            return caller;
        }
        if (identity.isAnonymous()) {
            throw ProblemException.unauthorized("unauthenticated", "a bearer token is required");
        }
        String subject = identity.getPrincipal().getName();
        if (identity.hasRole(Caller.SERVICE_ROLE)) {
            return Caller.service(subject);
        }
        if (subject == null || !subject.matches("[0-9]{1,18}")) {
            throw ProblemException.forbidden("unknown-user", "the token's subject is not a Switchboard user id");
        }
        return Caller.user(Long.parseLong(subject), subject);
    }
}
