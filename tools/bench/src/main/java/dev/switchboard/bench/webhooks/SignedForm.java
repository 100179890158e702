package dev.switchboard.bench.webhooks;

import dev.switchboard.twilio.standin.TwilioSignature;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What P1's bare baselines do before they answer, as webhook-ingest does: read the Messaging webhook's form and check
 * its {@code X-Twilio-Signature} (HMAC-SHA1 over the URL and the sorted parameters), answering 403 when it does not
 * match. Also starts such a server.
 */
final class SignedForm {

    private SignedForm() {
    }

    /**
     * A bare Vert.x server on {@code port} that hands each correctly signed webhook's parameters and request to
     * {@code accepted}, which answers it.
     */
    static void serve(int port, String authToken, BiConsumer<HttpServerRequest, Map<String, String>> accepted) {
        String url = "http://127.0.0.1:" + port + InboundSms.PATH;
        Vertx.vertx().createHttpServer()
                .requestHandler(request -> read(request, url, authToken, accepted))
                .listen(port)
                .onSuccess(server -> System.out.println("bare webhook server listening on " + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    /** TwiML for "nothing to reply", as webhook-ingest answers. */
    static void answer(HttpServerRequest request, int status) {
        request.response().setStatusCode(status).putHeader("Content-Type", "text/xml").end("<Response/>");
    }

    private static void read(HttpServerRequest request, String url, String authToken,
            BiConsumer<HttpServerRequest, Map<String, String>> accepted) {
        request.setExpectMultipart(true);
        request.endHandler(end -> {
            Map<String, String> params = new LinkedHashMap<>();
            request.formAttributes().forEach(entry -> params.put(entry.getKey(), entry.getValue()));
            String given = request.getHeader("X-Twilio-Signature");
            boolean valid = given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    TwilioSignature.of(authToken, url, params).getBytes(StandardCharsets.UTF_8));
            if (valid) {
                accepted.accept(request, params);
            } else {
                answer(request, 403);
            }
        });
    }
}
