package dev.switchboard.auth;

import dev.switchboard.problem.ProblemException;

/**
 * Who is calling, once their token was verified and its subject found among Switchboard's users: the one identity
 * type every service's REST edge and the realtime stream use. Inject it into a resource ({@link Callers} makes it per
 * request).
 *
 * @param userId      the caller's {@code users.id}; null for the service role
 * @param serviceRole whether the token's {@code role} is {@code service_role}: reads and acts for everyone
 * @param subject     the token's {@code sub}, as it came (a UUID for Supabase Auth users, a number for tokens that
 *                    name {@code users.id} directly)
 */
public record Caller(Long userId, boolean serviceRole, String subject) {

    public static final String SERVICE_ROLE = "service_role";
    public static final String AUTHENTICATED = "authenticated";

    public static Caller service(String subject) {
        return new Caller(null, true, subject == null ? SERVICE_ROLE : subject);
    }

    public static Caller user(long userId, String subject) {
        return new Caller(userId, false, subject);
    }

    public boolean isServiceRole() {
        return serviceRole;
    }

    /** The user id of a caller who must be a user (not the service role). */
    public long requireUser() {
        if (userId == null) {
            throw ProblemException.forbidden("user-only", "this resource belongs to a signed-in user; the service role has none");
        }
        return userId;
    }

    /**
     * The caller as one stable string: the user id for a user (whichever form of token they signed in with), the
     * token's subject for the service role. Idempotency keys are scoped to it.
     */
    public String principal() {
        return serviceRole ? subject : Long.toString(userId);
    }

    /** What logs of who asked for something record, e.g. the outbound log's {@code requested_by}. */
    public String asRequester() {
        return (serviceRole ? SERVICE_ROLE : AUTHENTICATED) + ":" + principal();
    }
}
