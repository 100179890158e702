package dev.switchboard.twilio.standin;

import java.util.Map;
import java.util.Optional;

/**
 * What the stand-in takes from its environment.
 *
 * @param authToken               {@code TWILIO_AUTH_TOKEN}: when set, Basic auth passwords must equal it and every
 *                                webhook the stand-in sends is signed with it; when unset, any password is accepted
 *                                and webhooks go unsigned
 * @param statusCallbacks         {@code TWILIO_STANDIN_STATUS_CALLBACKS}: post {@code sent} then {@code delivered} to a
 *                                message's local {@code StatusCallback} URL (on unless set to {@code false})
 * @param conversationsWebhookUrl {@code TWILIO_STANDIN_CONVERSATIONS_WEBHOOK_URL}: the account-level Conversations
 *                                post-event webhook URL every account starts with (all post-event filters, POST), as
 *                                if {@code POST /v1/Configuration/Webhooks} had set it
 * @param messagingWebhookUrl     {@code TWILIO_STANDIN_MESSAGING_WEBHOOK_URL}: where an inbound SMS that no
 *                                conversation takes is posted, as Twilio posts to a number's Messaging webhook
 * @param accountSid              {@code TWILIO_ACCOUNT_SID}: the account an inbound SMS belongs to when no
 *                                conversation names one (default {@code AC} and 32 zeros)
 */
public record StandInSettings(Optional<String> authToken, boolean statusCallbacks,
                              Optional<String> conversationsWebhookUrl, Optional<String> messagingWebhookUrl,
                              String accountSid) {

    static final String DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000000000";

    /** No webhook URLs: Conversations webhooks only once {@code /v1/Configuration/Webhooks} is set. */
    public StandInSettings(Optional<String> authToken, boolean statusCallbacks) {
        this(authToken, statusCallbacks, Optional.empty(), Optional.empty(), DEFAULT_ACCOUNT_SID);
    }

    public static StandInSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** The same settings with this account-level Conversations post-event webhook URL. */
    public StandInSettings withConversationsWebhookUrl(String url) {
        return new StandInSettings(authToken, statusCallbacks, Optional.of(url), messagingWebhookUrl, accountSid);
    }

    /** The same settings with this Messaging webhook URL for inbound SMS outside any conversation. */
    public StandInSettings withMessagingWebhookUrl(String url) {
        return new StandInSettings(authToken, statusCallbacks, conversationsWebhookUrl, Optional.of(url), accountSid);
    }

    static StandInSettings from(Map<String, String> env) {
        return new StandInSettings(
                nonBlank(env, "TWILIO_AUTH_TOKEN"),
                !"false".equalsIgnoreCase(env.getOrDefault("TWILIO_STANDIN_STATUS_CALLBACKS", "true")),
                nonBlank(env, "TWILIO_STANDIN_CONVERSATIONS_WEBHOOK_URL"),
                nonBlank(env, "TWILIO_STANDIN_MESSAGING_WEBHOOK_URL"),
                nonBlank(env, "TWILIO_ACCOUNT_SID").orElse(DEFAULT_ACCOUNT_SID));
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }
}
