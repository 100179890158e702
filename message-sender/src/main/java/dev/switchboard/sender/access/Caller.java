package dev.switchboard.sender.access;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller of a REST request, as the JWT tells it (roles come from its {@code role} claim). */
@RequestScoped
public class Caller {

    public static final String SERVICE = "service_role";
    public static final String USER = "authenticated";

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public boolean isService() {
        return jwt.getGroups().contains(SERVICE);
    }

    /** The token's {@code sub}: a users.id for app users. */
    public String subject() {
        return jwt.getSubject();
    }

    /** What the outbound log records as {@code requested_by}. */
    public String asRequester() {
        return (isService() ? SERVICE : USER) + ":" + subject();
    }
}
