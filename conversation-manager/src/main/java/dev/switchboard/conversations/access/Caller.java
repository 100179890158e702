package dev.switchboard.conversations.access;

import dev.switchboard.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from a verified Supabase-style JWT: {@code role} = {@code service_role} reads everything; any other
 * caller is the user whose {@code users.id} is {@code sub} and reads only the conversations they take part in.
 *
 * @param userId null for the service role
 */
public record Caller(Long userId, boolean isServiceRole) {

    public static final String SERVICE_ROLE = "service_role";

    public static Caller of(JsonWebToken token) {
        if (token.getGroups().contains(SERVICE_ROLE)) {
            return new Caller(null, true);
        }
        String subject = token.getSubject();
        if (subject == null || !subject.matches("[0-9]{1,18}")) {
            throw ProblemException.forbidden("unknown-user", "the token's subject is not a Switchboard user id");
        }
        return new Caller(Long.valueOf(subject), false);
    }
}
