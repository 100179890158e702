package dev.switchboard.twilio.standin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Sends a webhook the way Twilio does: a form body (or, for {@code GET}, the query string), signed with
 * {@code X-Twilio-Signature} when a token is known.
 */
public final class WebhookPoster {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Optional<String> authToken;
    private final Duration timeout;

    public WebhookPoster(Optional<String> authToken) {
        this(authToken, Duration.ofSeconds(15));
    }

    WebhookPoster(Optional<String> authToken, Duration timeout) {
        this.authToken = authToken;
        this.timeout = timeout;
    }

    public CompletableFuture<HttpResponse<String>> post(String url, Map<String, String> params) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("I-Twilio-Idempotency-Token", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        authToken.ifPresent(token -> request.header("X-Twilio-Signature", TwilioSignature.of(token, url, params)));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The parameters in the query string; the signature then covers the whole URL and no body parameters. */
    CompletableFuture<HttpResponse<String>> get(String url, Map<String, String> params) {
        String full = params.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + form(params);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(full))
                .timeout(timeout)
                .header("I-Twilio-Idempotency-Token", java.util.UUID.randomUUID().toString())
                .GET();
        authToken.ifPresent(token -> request.header("X-Twilio-Signature", TwilioSignature.of(token, full, Map.of())));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(param -> encode(param.getKey()) + "=" + encode(param.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
