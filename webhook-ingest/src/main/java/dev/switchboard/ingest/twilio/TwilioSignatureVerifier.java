package dev.switchboard.ingest.twilio;

import com.twilio.security.RequestValidator;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
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

    /** A form webhook: Twilio signs the URL and the parameters. */
    public void verify(String url, FormParams params, String signature) {
        Map<String, String> signed = params.forSignature();
        verify(params, signature, validator -> validator.validate(url, signed, signature));
    }

    /** A JSON webhook: Twilio signs the URL, whose {@code bodySHA256} parameter is the body's SHA-256. */
    public void verifyJson(String url, String body, FormParams params, String signature) {
        verify(params, signature, validator -> url.contains("bodySHA256=") && validatesJson(validator, url, body, signature));
    }

    private static boolean validatesJson(RequestValidator validator, String url, String body, String signature) {
        try {
            return validator.validate(url, body, signature);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** @throws dev.switchboard.problem.ProblemException 403 naming the {@link SignatureFailure} */
    private void verify(FormParams params, String signature, Predicate<RequestValidator> signedBy) {
        failure(params, signature, signedBy).ifPresent(failure -> {
            metrics.counter(REJECTED_METRIC, "reason", failure.code()).increment();
            throw failure.asProblem();
        });
    }

    private Optional<SignatureFailure> failure(FormParams params, String signature, Predicate<RequestValidator> signedBy) {
        if (signature == null || signature.isBlank()) {
            return Optional.of(SignatureFailure.MISSING_SIGNATURE);
        }
        if (validators.stream().noneMatch(signedBy)) {
            return Optional.of(SignatureFailure.BAD_SIGNATURE);
        }
        if (!config.accountSid().equals(params.get("AccountSid"))) {
            return Optional.of(SignatureFailure.WRONG_ACCOUNT);
        }
        return Optional.empty();
    }
}
