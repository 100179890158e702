package dev.switchboard.conversations.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.problem.ProblemException;

/**
 * Body of {@code POST /users}.
 *
 * @param authId the user's Supabase Auth id (the {@code sub} of their tokens), when they sign in with Supabase
 */
public record NewUser(
        @JsonProperty("username") String username,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("chat_identity") String chatIdentity,
        @JsonProperty("auth_id") String authId) {

    private static final java.util.regex.Pattern AUTH_ID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Fails with a 400 problem naming the first wrong field. */
    NewUser validated(ChatIdentities identities) {
        if (username == null || username.isBlank()) {
            throw ProblemException.badRequest("invalid-user", "username is required");
        }
        if (!PhoneNumbers.isE164(phoneNumber)) {
            throw ProblemException.badRequest("invalid-user",
                    "phone_number must be an E.164 number like +15551234567, got '" + phoneNumber + "'");
        }
        if (chatIdentity != null) {
            identities.require(chatIdentity, "chat_identity");
        }
        if (authId != null && !AUTH_ID.matcher(authId).matches()) {
            throw ProblemException.badRequest("invalid-user",
                    "auth_id must be the user's Supabase Auth id, a UUID like 0b7c...-...; got '" + authId + "'");
        }
        return this;
    }
}
