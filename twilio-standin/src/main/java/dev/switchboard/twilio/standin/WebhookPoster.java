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

/** Posts a webhook the way Twilio does: a form body, signed with {@code X-Twilio-Signature} when a token is known. */
final class WebhookPoster {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Optional<String> authToken;

    WebhookPoster(Optional<String> authToken) {
        this.authToken = authToken;
    }

    CompletableFuture<HttpResponse<String>> post(String url, Map<String, String> params) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("I-Twilio-Idempotency-Token", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        authToken.ifPresent(token -> request.header("X-Twilio-Signature", TwilioSignature.of(token, url, params)));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(param -> encode(param.getKey()) + "=" + encode(param.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
