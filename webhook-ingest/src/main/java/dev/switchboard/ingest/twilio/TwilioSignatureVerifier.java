package dev.switchboard.ingest.twilio;

import com.twilio.security.RequestValidator;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Proves a webhook came from our Twilio account: Twilio's own {@link RequestValidator} (which also tries the URL with
 * and without its default port) under the primary or the secondary Auth Token, then the {@code AccountSid}.
 * Fails closed; every refusal is counted in {@value #REJECTED_METRIC} by reason.
 */
@ApplicationScoped
public class TwilioSignatureVerifier {

    public static final String REJECTED_METRIC = "switchboard.webhooks.rejected";

    private final TwilioConfig config;
    private final List<RequestValidator> validators;
    private final MeterRegistry metrics;

    public TwilioSignatureVerifier(TwilioConfig config, MeterRegistry metrics) {
        this.config = config;
        this.validators = Stream.concat(Stream.of(config.authToken()), config.authTokenSecondary().stream())
                .map(RequestValidator::new)
                .toList();
        this.metrics = metrics;
    }

    /** @throws dev.switchboard.problem.ProblemException 403 naming the {@link SignatureFailure} */
    public void verify(String url, FormParams params, String signature) {
        failure(url, params, signature).ifPresent(failure -> {
            metrics.counter(REJECTED_METRIC, "reason", failure.code()).increment();
            throw failure.asProblem();
        });
    }

    private Optional<SignatureFailure> failure(String url, FormParams params, String signature) {
        if (signature == null || signature.isBlank()) {
            return Optional.of(SignatureFailure.MISSING_SIGNATURE);
        }
        Map<String, String> signed = params.forSignature();
        if (validators.stream().noneMatch(validator -> validator.validate(url, signed, signature))) {
            return Optional.of(SignatureFailure.BAD_SIGNATURE);
        }
        if (!config.accountSid().equals(params.get("AccountSid"))) {
            return Optional.of(SignatureFailure.WRONG_ACCOUNT);
        }
        return Optional.empty();
    }
}
