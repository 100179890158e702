package dev.switchboard.conversations.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.problem.ProblemException;

/** Body of {@code POST /users}. */
public record NewUser(
        @JsonProperty("username") String username,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("chat_identity") String chatIdentity) {

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
        return this;
    }
}
