package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where Conversations post-event webhooks go, configured as Twilio configures them:
 * <ul>
 * <li>the account-level ("global") webhook, {@code GET}/{@code POST /v1/Configuration/Webhooks}, which every account
 * starts with from {@code TWILIO_STANDIN_CONVERSATIONS_WEBHOOK_URL} (all post-event filters, {@code POST});</li>
 * <li>the service-level webhook, {@code GET}/{@code POST /v1/Services/{ChatServiceSid}/Configuration/Webhooks}, which,
 * once it has a URL, replaces the account-level one for that chat service.</li>
 * </ul>
 * A webhook fires only for the event types in its {@code Filters}. Pre-event URLs are kept and shown, never called:
 * Twilio calls them for SDK- and SMS-originated actions, and the stand-in has no SDK clients.
 */
final class WebhookConfigurations {

    /** The post-event webhooks the stand-in sends. */
    static final List<String> POST_EVENTS = List.of(
            "onConversationAdded", "onConversationUpdated", "onConversationStateUpdated", "onConversationRemoved",
            "onParticipantAdded", "onParticipantUpdated", "onParticipantRemoved",
            "onMessageAdded", "onMessageUpdated", "onMessageRemoved");

    /** Every filter Twilio's description names, pre- and post-event. */
    private static final Set<String> FILTERS = Set.of(
            "onMessageAdd", "onMessageAdded", "onMessageUpdate", "onMessageUpdated", "onMessageRemove",
            "onMessageRemoved", "onConversationAdd", "onConversationAdded", "onConversationUpdate",
            "onConversationUpdated", "onConversationRemove", "onConversationRemoved", "onConversationStateUpdated",
            "onParticipantAdd", "onParticipantAdded", "onParticipantUpdate", "onParticipantUpdated",
            "onParticipantRemove", "onParticipantRemoved", "onDeliveryUpdated", "onUserAdded", "onUserUpdate",
            "onUserUpdated");

    private static final String ACCOUNT_SCHEMA = "conversations.v1.configuration.configuration_webhook";
    private static final String SERVICE_SCHEMA =
            "conversations.v1.service.service_configuration.service_webhook_configuration";
    private static final String ACCOUNT_PATH = "/v1/Configuration/Webhooks";
    private static final String SERVICE_PATH = "/v1/Services/{ChatServiceSid}/Configuration/Webhooks";

    /** One webhook configuration; {@code target} is the account level's only. */
    record Config(String method, List<String> filters, String preWebhookUrl, String postWebhookUrl, String target) {

        static final Config NONE = new Config("POST", List.of(), null, null, "webhook");

        boolean hasUrl() {
            return preWebhookUrl != null || postWebhookUrl != null;
        }

        /** The post-event URL, when this configuration sends {@code eventType}. */
        Optional<String> postUrlFor(String eventType) {
            return Optional.ofNullable(postWebhookUrl).filter(url -> filters.contains(eventType));
        }
    }

    private final OpenApiDescription description;
    private final String baseUrl;
    private final Config accountDefault;
    private final Map<String, Config> accounts = new HashMap<>();
    private final Map<String, Config> services = new HashMap<>();

    WebhookConfigurations(OpenApiDescription description, String baseUrl, StandInSettings settings) {
        this.description = description;
        this.baseUrl = baseUrl;
        this.accountDefault = settings.conversationsWebhookUrl()
                .map(url -> new Config("POST", POST_EVENTS, null, url, "webhook"))
                .orElse(Config.NONE);
    }

    void register(Routes routes) {
        routes.add("GET", ACCOUNT_PATH, (request, path) -> StandInResponse.json(200, accountView(request.accountSid())))
                .add("POST", ACCOUNT_PATH, this::updateAccount)
                .add("GET", SERVICE_PATH, (request, path) -> StandInResponse.json(200,
                        serviceView(request.accountSid(), path.get("ChatServiceSid"))))
                .add("POST", SERVICE_PATH, this::updateService);
    }

    /** The configuration that applies to events of this chat service: its own once it has a URL, else the account's. */
    synchronized Config effective(String accountSid, String chatServiceSid) {
        Config service = services.get(chatServiceSid);
        return service != null && service.hasUrl() ? service : accounts.getOrDefault(accountSid, accountDefault);
    }

    private StandInResponse updateAccount(StandInRequest request, Map<String, String> path) {
        String target = request.param("Target").orElse(null);
        if (target != null && !Set.of("webhook", "flex").contains(target)) {
            throw new TwilioException(400, 20001, "Target must be webhook or flex");
        }
        synchronized (this) {
            Config current = accounts.getOrDefault(request.accountSid(), accountDefault);
            Config updated = updated(request, current);
            accounts.put(request.accountSid(), new Config(updated.method(), updated.filters(), updated.preWebhookUrl(),
                    updated.postWebhookUrl(), target == null ? current.target() : target));
        }
        return StandInResponse.json(200, accountView(request.accountSid()));
    }

    private StandInResponse updateService(StandInRequest request, Map<String, String> path) {
        String service = path.get("ChatServiceSid");
        synchronized (this) {
            services.put(service, updated(request, services.getOrDefault(service, Config.NONE)));
        }
        return StandInResponse.json(200, serviceView(request.accountSid(), service));
    }

    /** {@code current} with what the request sets; an empty URL clears it. */
    private static Config updated(StandInRequest request, Config current) {
        String method = request.param("Method").map(value -> value.toUpperCase(Locale.ROOT)).orElse(current.method());
        if (!Set.of("GET", "POST").contains(method)) {
            throw new TwilioException(400, 20001, "Method must be GET or POST");
        }
        List<String> filters = request.params("Filters").isEmpty() ? current.filters()
                : request.params("Filters").stream().filter(filter -> !filter.isBlank()).toList();
        filters.stream().filter(filter -> !FILTERS.contains(filter)).findFirst().ifPresent(filter -> {
            throw new TwilioException(400, 20001, "Invalid filter: " + filter);
        });
        return new Config(method, filters,
                request.param("PreWebhookUrl").map(url -> url.isBlank() ? null : url).orElse(current.preWebhookUrl()),
                request.param("PostWebhookUrl").map(url -> url.isBlank() ? null : url).orElse(current.postWebhookUrl()),
                current.target());
    }

    private synchronized ObjectNode accountView(String accountSid) {
        Config config = accounts.getOrDefault(accountSid, accountDefault);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("account_sid", accountSid);
        values.put("method", config.method());
        values.put("filters", config.filters());
        values.put("pre_webhook_url", config.preWebhookUrl());
        values.put("post_webhook_url", config.postWebhookUrl());
        values.put("target", config.target());
        values.put("url", baseUrl + ACCOUNT_PATH);
        return description.resource(ACCOUNT_SCHEMA, values);
    }

    private synchronized ObjectNode serviceView(String accountSid, String chatServiceSid) {
        Config config = services.getOrDefault(chatServiceSid, Config.NONE);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("account_sid", accountSid);
        values.put("chat_service_sid", chatServiceSid);
        values.put("pre_webhook_url", config.preWebhookUrl());
        values.put("post_webhook_url", config.postWebhookUrl());
        values.put("filters", config.filters());
        values.put("method", config.method());
        values.put("url", baseUrl + SERVICE_PATH.replace("{ChatServiceSid}", chatServiceSid));
        return description.resource(SERVICE_SCHEMA, values);
    }
}
