package dev.switchboard.sender.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.Domains;
import dev.switchboard.twilio.ConversationsService;
import dev.switchboard.twilio.TwilioClients;
import dev.switchboard.twilio.TwilioConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hc.core5.http.Header;

/**
 * The one class that talks to Twilio: one HTTP request per call (no retry, that is the caller's decision), blocking,
 * so callers run it on a worker thread. It builds the SDK's requests itself rather than through the resource
 * creators because the creators drop the answer's headers, and a 429's {@code Retry-After} is needed.
 */
@ApplicationScoped
@Startup // built at start, so a missing TWILIO_CONVERSATIONS_SERVICE_SID stops the service there
public class TwilioGateway {

    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/%s/Messages.json";

    private final TwilioRestClient client;
    private final ConversationsService conversations;

    public TwilioGateway(TwilioConfig config) {
        this.conversations = new ConversationsService(TwilioConfig.requireConversationsServiceSid(config));
        this.client = TwilioClients.create(config.accountSid(), config.authToken(), config.apiBaseUrl(),
                config.timeout());
    }

    /** Sends once; never throws for what Twilio or the network answered, only classifies it. */
    public TwilioOutcome send(TwilioSend send) {
        Request request = send.kind() == TwilioSend.Kind.MESSAGE ? messageRequest(send) : conversationRequest(send);
        try {
            return classify(client.request(request));
        } catch (ApiException e) {
            return classify(e);
        }
    }

    private Request messageRequest(TwilioSend send) {
        Request request = new Request(HttpMethod.POST, Domains.API.toString(),
                String.format(MESSAGES_PATH, client.getAccountSid()));
        request.addPostParam("To", send.to());
        send.messagingServiceSid().ifPresentOrElse(
                sid -> request.addPostParam("MessagingServiceSid", sid),
                () -> request.addPostParam("From", send.from()));
        addIfPresent(request, "Body", send.body());
        send.mediaUrls().forEach(url -> request.addPostParam("MediaUrl", url));
        addIfPresent(request, "ContentSid", send.contentSid());
        addIfPresent(request, "ContentVariables", send.contentSid() == null ? null : send.contentVariables());
        addIfPresent(request, "StatusCallback", send.statusCallback());
        return request;
    }

    private Request conversationRequest(TwilioSend send) {
        Request request = new Request(HttpMethod.POST, Domains.CONVERSATIONS.toString(),
                conversations.messagesPath(send.conversationSid()));
        // Without it Twilio fires no webhooks for messages posted over REST, and the realtime stream would miss them.
        request.addHeaderParam("X-Twilio-Webhook-Enabled", "true");
        addIfPresent(request, "Author", send.author());
        addIfPresent(request, "Body", send.body());
        addIfPresent(request, "Attributes", send.attributes());
        addIfPresent(request, "MediaSid", send.mediaSid());
        return request;
    }

    private static void addIfPresent(Request request, String name, String value) {
        if (value != null && !value.isEmpty()) {
            request.addPostParam(name, value);
        }
    }

    private TwilioOutcome classify(Response response) {
        int status = response.getStatusCode();
        Optional<JsonNode> body = json(response);
        Integer code = body.map(json -> json.path("code")).filter(JsonNode::canConvertToInt).map(JsonNode::asInt)
                .orElse(null);
        String message = body.map(json -> json.path("message").asText(null)).orElse("HTTP " + status);
        if (status >= 200 && status < 300) {
            return new TwilioOutcome.Accepted(body.map(json -> json.path("sid").asText(null)).orElse(null),
                    body.map(json -> json.path("status").asText(null)).orElse(null));
        }
        if (status == 429) {
            return new TwilioOutcome.RateLimited(retryAfter(response), code, message);
        }
        if (status >= 500) {
            return new TwilioOutcome.Ambiguous(status, code, message);
        }
        return new TwilioOutcome.Rejected(status, code, message);
    }

    private static TwilioOutcome classify(ApiException failure) {
        Throwable cause = failure.getCause();
        String reason = cause == null ? failure.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return neverReachedTwilio(cause)
                ? new TwilioOutcome.NotSent(reason)
                : new TwilioOutcome.Ambiguous(null, null, reason);
    }

    /**
     * Only failures to open the connection prove the request was not sent. A read timeout, a reset or a closed
     * connection after the request went out leave Twilio's side unknown.
     */
    private static boolean neverReachedTwilio(Throwable cause) {
        return cause instanceof ConnectException
                || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException
                || (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException));
    }

    private Optional<JsonNode> json(Response response) {
        ObjectMapper mapper = client.getObjectMapper();
        try {
            String content = response.getContent();
            return content == null || content.isBlank() ? Optional.empty() : Optional.of(mapper.readTree(content));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** Retry-After as Twilio may send it: delay-seconds or an HTTP date (RFC 9110). */
    static Optional<Duration> retryAfter(Response response) {
        return Arrays.stream(Optional.ofNullable(response.getHeaders()).orElse(new Header[0]))
                .filter(header -> header.getName().equalsIgnoreCase("Retry-After"))
                .findFirst()
                .flatMap(header -> parseRetryAfter(header.getValue().trim()));
    }

    static Optional<Duration> parseRetryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
