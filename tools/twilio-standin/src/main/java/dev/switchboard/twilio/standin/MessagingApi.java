package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Programmable Messaging: {@code /2010-04-01/Accounts/{AccountSid}/Messages}: send, fetch, list. */
final class MessagingApi {

    static final String BASE = "/2010-04-01/Accounts/{AccountSid}/Messages";

    /** E.164, optionally behind a channel prefix such as {@code whatsapp:}. */
    private static final Pattern ADDRESS = Pattern.compile("^([a-z]+:)?\\+[1-9]\\d{1,14}$");

    private final StatusCallbacks statusCallbacks;
    private final MessagingStore messages;

    MessagingApi(MessagingStore messages, StatusCallbacks statusCallbacks) {
        this.messages = messages;
        this.statusCallbacks = statusCallbacks;
    }

    void register(Routes routes) {
        routes.add("POST", BASE + ".json", this::create)
                .add("GET", BASE + ".json", this::list)
                .add("GET", BASE + "/{Sid}.json", this::fetch);
    }

    private StandInResponse create(StandInRequest request, Map<String, String> path) {
        Optional<StandInResponse> invalid = invalid(request);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        ObjectNode message = messages.add(new MessagingStore.NewMessage(path.get("AccountSid"), "outbound-api",
                "queued", request.param("From").orElse(null), request.param("To").orElseThrow(),
                request.param("Body").orElse(""), request.param("MessagingServiceSid").orElse(null),
                request.params("MediaUrl").size()));
        statusCallbacks.schedule(message, request.param("StatusCallback"));
        return StandInResponse.json(201, message);
    }

    /**
     * The account's messages, newest first, paged as Twilio pages them ({@link Paging}): sent through this API, sent
     * by Conversations to SMS and WhatsApp participants, and received. {@code To} and {@code From} filter exactly,
     * the DateSent filters by {@link DateSentRange}. A next page ({@code PageToken=PA…}) reads the store from its
     * token's message on: conversation-manager's reconciliation walks every page of a two-hour window, and reading the
     * whole store again for each page made a pass cost the store's size times its pages.
     */
    private StandInResponse list(StandInRequest request, Map<String, String> path) {
        String accountSid = path.get("AccountSid");
        Predicate<JsonNode> dateSent = DateSentRange.of(request);
        Predicate<JsonNode> listed = message -> message.path("account_sid").asText().equals(accountSid)
                && request.queryParam("To").map(message.path("to").asText()::equals).orElse(true)
                && request.queryParam("From").map(message.path("from").asText()::equals).orElse(true)
                && dateSent.test(message);
        Optional<String> after = request.queryParam("PageToken").filter(token -> token.startsWith("PA"))
                .map(token -> token.substring(2)).filter(messages::contains);
        Paging.Page<ObjectNode> page = after.isPresent()
                ? Paging.afterToken(request, messages.newestFirst(listed, after, Paging.pageSize(request) + 1))
                : Paging.of(request, messages.newestFirst(listed, Optional.empty(), Integer.MAX_VALUE));
        return StandInResponse.json(200, page.v2010("messages",
                "/2010-04-01/Accounts/" + accountSid + "/Messages.json"));
    }

    /** Twilio's checks, in Twilio's order, with Twilio's error codes. */
    private static Optional<StandInResponse> invalid(StandInRequest request) {
        Optional<String> to = request.param("To").filter(value -> !value.isBlank());
        if (to.isEmpty()) {
            return Optional.of(StandInResponse.twilioError(400, 21604, "A 'To' phone number is required."));
        }
        if (!ADDRESS.matcher(to.get()).matches()) {
            return Optional.of(StandInResponse.twilioError(400, 21211,
                    "Invalid 'To' Phone Number: " + to.get()));
        }
        if (request.param("From").isEmpty() && request.param("MessagingServiceSid").isEmpty()) {
            return Optional.of(StandInResponse.twilioError(400, 21603, "A 'From' phone number is required."));
        }
        if (List.of("Body", "MediaUrl", "ContentSid").stream()
                .allMatch(name -> request.param(name).filter(value -> !value.isEmpty()).isEmpty())) {
            return Optional.of(StandInResponse.twilioError(400, 21602, "Message body is required."));
        }
        return Optional.empty();
    }

    private StandInResponse fetch(StandInRequest request, Map<String, String> path) {
        return messages.get(path.get("Sid"))
                .filter(message -> message.path("account_sid").asText().equals(path.get("AccountSid")))
                .map(message -> StandInResponse.json(200, message))
                .orElseGet(() -> StandInResponse.notFound(request.path()));
    }
}
