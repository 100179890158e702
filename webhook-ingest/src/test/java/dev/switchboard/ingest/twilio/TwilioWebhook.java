package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.TwilioSignatures;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Builds a webhook as Twilio would send it, signs it with {@link TwilioSignatures} for the URL REST Assured calls,
 * and posts it. Every webhook has a unique {@code I-Twilio-Idempotency-Token} to find its event on Kafka by; the
 * "after signing" methods change the request once the signature is fixed, as an attacker would.
 */
final class TwilioWebhook {

    static final String MESSAGING = "/webhooks/twilio/messaging";
    static final String CONVERSATIONS = "/webhooks/twilio/conversations";
    static final String STATUS = "/webhooks/twilio/status";

    private String path;
    private final List<Map.Entry<String, String>> params = new ArrayList<>();
    private final List<Map.Entry<String, String>> afterSigning = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final String idempotencyToken = UUID.randomUUID().toString();
    private String authToken = config("twilio.auth-token");
    private String signedPath;
    private String signedBase;
    private boolean signed = true;

    private TwilioWebhook(String path) {
        this.path = path;
        this.signedPath = path;
        with("AccountSid", accountSid());
    }

    static String accountSid() {
        return config("twilio.account-sid");
    }

    static String secondaryAuthToken() {
        return config("twilio.auth-token-secondary");
    }

    /** An inbound SMS with the parameters Twilio's Messaging webhook carries. */
    static TwilioWebhook sms(String body) {
        String sid = sid("SM");
        return new TwilioWebhook(MESSAGING)
                .with("ApiVersion", "2010-04-01")
                .with("SmsSid", sid)
                .with("SmsMessageSid", sid)
                .with("MessageSid", sid)
                .with("SmsStatus", "received")
                .with("MessagingServiceSid", sid("MG"))
                .with("From", "+1555" + digits(7))
                .with("To", "+15550009999")
                .with("FromCountry", "US")
                .with("NumSegments", "1")
                .with("NumMedia", "0")
                .with("Body", body);
    }

    static TwilioWebhook whatsapp(String body) {
        return sms(body)
                .with("From", "whatsapp:+1555" + digits(7))
                .with("To", "whatsapp:+15550009999")
                .with("ProfileName", "Ana")
                .with("WaId", "1555" + digits(7))
                .with("MessageType", "text");
    }

    /** A Conversations post-event webhook of the given type, in a fresh conversation. */
    static TwilioWebhook conversations(String eventType) {
        return new TwilioWebhook(CONVERSATIONS)
                .with("EventType", eventType)
                .with("ConversationSid", sid("CH"))
                .with("ChatServiceSid", sid("IS"))
                .with("Source", "SDK")
                .with("RetryCount", "0")
                .with("WebhookType", "webhook")
                .with("WebhookSid", sid("WH"));
    }

    static TwilioWebhook conversationMessage(String eventType, String body) {
        return conversations(eventType)
                .with("MessageSid", sid("IM"))
                .with("ParticipantSid", sid("MB"))
                .with("Author", "worker-7")
                .with("Body", body)
                .with("Index", "3")
                .with("Attributes", "{\"gig\":\"g-1\"}")
                .with("DateCreated", "2026-11-23T09:00:00.123Z");
    }

    /** A status callback for an outbound message. */
    static TwilioWebhook status(String messageSid, String status) {
        return new TwilioWebhook(STATUS)
                .with("ApiVersion", "2010-04-01")
                .with("MessageSid", messageSid)
                .with("SmsSid", messageSid)
                .with("MessageStatus", status)
                .with("SmsStatus", status)
                .with("From", "+15550009999")
                .with("To", "+15550001234");
    }

    static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** Sets a parameter (replacing an earlier value) before signing. */
    TwilioWebhook with(String name, String value) {
        params.removeIf(param -> param.getKey().equals(name));
        params.add(Map.entry(name, value));
        return this;
    }

    /** Adds a parameter again with another value, as a repeated form field. */
    TwilioWebhook repeated(String name, String value) {
        params.add(Map.entry(name, value));
        return this;
    }

    TwilioWebhook withMedia(int count) {
        with("NumMedia", Integer.toString(count));
        for (int i = 0; i < count; i++) {
            with("MediaContentType" + i, i % 2 == 0 ? "image/jpeg" : "video/mp4");
            with("MediaUrl" + i, "https://api.twilio.com/2010-04-01/Accounts/" + accountSid() + "/Messages/"
                    + get("MessageSid") + "/Media/" + sid("ME"));
        }
        return this;
    }

    /** Sends an extra HTTP header (not signed: Twilio signs only URL and parameters). */
    TwilioWebhook withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    TwilioWebhook without(String name) {
        params.removeIf(param -> param.getKey().equals(name));
        return this;
    }

    TwilioWebhook signedWith(String token) {
        this.authToken = token;
        return this;
    }

    TwilioWebhook signedForPath(String otherPath) {
        this.signedPath = otherPath;
        return this;
    }

    /** Signs for another base (scheme, host, port), as Twilio does for the URL it called at a proxy. */
    TwilioWebhook signedForBase(String base) {
        this.signedBase = base;
        return this;
    }

    TwilioWebhook unsigned() {
        this.signed = false;
        return this;
    }

    /** Sets a parameter once the signature is computed: the request no longer matches what was signed. */
    TwilioWebhook changedAfterSigning(String name, String value) {
        afterSigning.add(Map.entry(name, value));
        return this;
    }

    String get(String name) {
        return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    String idempotencyToken() {
        return idempotencyToken;
    }

    /** Posts to another path, signed for that path. */
    TwilioWebhook at(String otherPath) {
        this.path = otherPath;
        this.signedPath = otherPath;
        return this;
    }

    /** Whether an event was made from this webhook (its idempotency token is unique). */
    boolean isSourceOf(Event<MessageData> event) {
        return idempotencyToken.equals(event.data().twilioParams().get("I-Twilio-Idempotency-Token"));
    }

    /** The one event this webhook caused on Kafka; fails when there are none or several. */
    ConsumerRecord<String, Event<MessageData>> onlyEvent() {
        List<ConsumerRecord<String, Event<MessageData>>> records =
                TestKafka.broker().messageEventsToEnd(this::isSourceOf);
        assertEquals(1, records.size(), "events on Kafka for webhook " + idempotencyToken);
        return records.get(0);
    }

    void assertNoEvent() {
        assertEquals(List.of(), TestKafka.broker().messageEventsToEnd(this::isSourceOf),
                "events for webhook " + idempotencyToken);
    }

    /** Every parameter as sent, with the idempotency token: what the event's {@code twilioParams} must equal. */
    Map<String, String> expectedTwilioParams() {
        Map<String, String> expected = params.stream().collect(Collectors.toMap(Map.Entry::getKey,
                Map.Entry::getValue, (first, next) -> first + "," + next));
        expected.put("I-Twilio-Idempotency-Token", idempotencyToken);
        return expected;
    }

    Response post() {
        return wire().post();
    }

    /** The request exactly as it goes out (path, raw body, headers): what mutation corpora start from. */
    WireRequest wire() {
        String base = signedBase != null ? signedBase : RestAssured.baseURI + ":" + RestAssured.port;
        String signature = TwilioSignatures.sign(authToken, base + signedPath, params);
        List<Map.Entry<String, String>> sent = new ArrayList<>(params);
        afterSigning.forEach(change -> {
            sent.removeIf(param -> param.getKey().equals(change.getKey()));
            sent.add(change);
        });
        Map<String, String> sentHeaders = new LinkedHashMap<>(headers);
        sentHeaders.put("I-Twilio-Idempotency-Token", idempotencyToken);
        if (signed) {
            sentHeaders.put("X-Twilio-Signature", signature);
        }
        return new WireRequest(path, encode(sent).getBytes(StandardCharsets.UTF_8), sentHeaders);
    }

    private static String encode(List<Map.Entry<String, String>> params) {
        return params.stream()
                .map(param -> URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String digits(int count) {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits())).substring(0, count);
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
