package dev.switchboard.ingest.twilio;

import dev.switchboard.problem.ProblemException;
import dev.switchboard.ingest.publish.MessageEventPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Size check, form decoding, signature check, normalizing, publishing: a webhook is accepted once Kafka has its event.
 * A verified webhook that could never be stored (U+0000) is refused here rather than dead-lettered downstream after
 * Twilio was told it arrived.
 */
@ApplicationScoped
public class WebhookIntake {

    private final WebhookConfig config;
    private final WebhookUrl url;
    private final TwilioSignatureVerifier verifier;
    private final MessageEventPublisher publisher;

    public WebhookIntake(WebhookConfig config, WebhookUrl url, TwilioSignatureVerifier verifier,
            MessageEventPublisher publisher) {
        this.config = config;
        this.url = url;
        this.verifier = verifier;
        this.publisher = publisher;
    }

    /**
     * Checks and normalizing run on the caller's thread before anything is subscribed: they are plain CPU work, and
     * each Mutiny stage around them cost a context-propagation capture per webhook (P1 in docs/benchmarks-history.md).
     *
     * @throws ProblemException when the webhook is refused; nothing was published then
     */
    public Uni<Void> accept(HttpServerRequest request, byte[] body, WebhookNormalizer normalizer) {
        return publisher.publish(normalizer.normalize(verified(request, body)));
    }

    private WebhookRequest verified(HttpServerRequest request, byte[] body) {
        if (body.length > config.maxBodySize().asLongValue()) {
            throw new ProblemException(413, "body-too-large", "Webhook body too large", "the body has " + body.length
                    + " bytes; at most " + config.maxBodySize().asLongValue() + " are accepted");
        }
        String signature = request.getHeader("X-Twilio-Signature");
        String contentType = String.valueOf(request.getHeader("Content-Type"));
        FormParams params;
        if (contentType.startsWith("application/json")) {
            params = FormParams.ofJson(body);
            verifier.verifyJson(url.of(request), new String(body, StandardCharsets.UTF_8), params, signature);
        } else {
            params = FormParams.parse(new String(body, StandardCharsets.UTF_8));
            verifier.verify(url.of(request), params, signature);
        }
        if (params.containsNul()) {
            throw new ProblemException(400, "nul-character", "Webhook cannot be stored", "a parameter contains U+0000,"
                    + " which PostgreSQL text cannot hold; nothing was published");
        }
        return new WebhookRequest(params, request.getHeader(WebhookRequest.IDEMPOTENCY_TOKEN));
    }
}
