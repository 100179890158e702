package dev.switchboard.auth;

import java.time.Instant;

/**
 * The claims Switchboard reads from a token whose signature, expiry, audience and issuer were checked.
 *
 * @param role  Supabase's {@code role}: {@code authenticated}, {@code service_role} or {@code anon}
 * @param phone the {@code phone} claim as Supabase sets it (digits without {@code +}), or null
 */
public record VerifiedToken(String subject, String role, Instant expiresAt, String phone) {

    public boolean isServiceRole() {
        return Caller.SERVICE_ROLE.equals(role);
    }
}
