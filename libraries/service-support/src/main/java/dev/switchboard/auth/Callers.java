package dev.switchboard.auth;

import dev.switchboard.problem.ProblemException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The request's {@link Caller}, as {@link BearerAuthentication} established it. */
@ApplicationScoped
public class Callers {

    /** The SecurityIdentity attribute under which the authentication mechanism leaves the caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    private final SecurityIdentity identity;
    private final CurrentIdentityAssociation association;

    Callers(SecurityIdentity identity, CurrentIdentityAssociation association) {
        this.identity = identity;
        this.association = association;
    }

    /** @throws ProblemException 401 without a verified token */
    public Caller current() {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw ProblemException.unauthorized("unauthenticated", "a valid bearer token is required");
        }
        return caller;
    }

    /**
     * The caller on an endpoint that permits all: authentication is lazy (proactive off), so the token is resolved
     * here, without blocking the event loop; a bad token fails as on every endpoint.
     *
     * @throws ProblemException 401 without a verified token
     */
    public Uni<Caller> resolved() {
        return association.getDeferredIdentity().map(resolved -> {
            Caller caller = resolved.getAttribute(ATTRIBUTE);
            if (caller == null) {
                throw ProblemException.unauthorized("unauthenticated", "a valid bearer token is required");
            }
            return caller;
        });
    }
}
