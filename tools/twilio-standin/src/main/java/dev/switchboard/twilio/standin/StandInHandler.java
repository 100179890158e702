package dev.switchboard.twilio.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every request passes here: control requests go straight to the control API; Twilio API requests are checked
 * against the OpenAPI description, logged, given a scripted answer if one matches, authenticated, then answered.
 */
final class StandInHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(StandInHandler.class.getName());
    private static final String ACCOUNT_PATH = "/2010-04-01/Accounts/";

    private final Routes control;
    private final Routes twilio;
    private final OpenApiValidator validator;
    private final RequestLog log;
    private final ScriptedAnswers scripts;
    private final TwilioAuth auth;

    StandInHandler(Routes control, Routes twilio, OpenApiValidator validator, RequestLog log, ScriptedAnswers scripts,
                   TwilioAuth auth) {
        this.control = control;
        this.twilio = twilio;
        this.validator = validator;
        this.log = log;
        this.scripts = scripts;
        this.auth = auth;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        StandInRequest request = null;
        try (exchange) {
            StandInResponse response;
            try {
                request = StandInRequest.read(exchange);
                response = answer(request);
            } catch (TwilioException e) {
                response = e.response();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stand-in failed on " + exchange.getRequestURI(), e);
                response = StandInResponse.problem(500, "Stand-in failure", String.valueOf(e));
            }
            write(exchange, response);
        } finally {
            // What the request changed is announced now, after the answer (or after failing to write it).
            if (request != null) {
                request.answered().complete(null);
            }
        }
    }

    private StandInResponse answer(StandInRequest request) {
        return request.path().startsWith(ControlApi.PREFIX + "/")
                ? control.answer(request).orElseGet(() -> StandInResponse.problem(404, "Not found",
                "no control endpoint " + request.method() + " " + request.path()))
                : twilioAnswer(request);
    }

    private StandInResponse twilioAnswer(StandInRequest request) {
        List<String> violations = validator.violations(request);
        LoggedRequest entry = log.add(request, violations);
        if (!violations.isEmpty()) {
            LOG.warning(() -> request.method() + " " + request.path() + " does not match Twilio's OpenAPI: " + violations);
        }
        Optional<Script> script = scripts.take(request);
        script.ifPresent(StandInHandler::pause);
        StandInResponse response = script.flatMap(Script::response).orElseGet(() -> normalAnswer(request));
        entry.answered(response.status());
        return response;
    }

    private StandInResponse normalAnswer(StandInRequest request) {
        Optional<String> account = auth.account(request);
        if (account.isEmpty() || !ownsPath(account.get(), request.path())) {
            return TwilioAuth.unauthorized();
        }
        return twilio.answer(request).orElseGet(() -> StandInResponse.notFound(request.path()));
    }

    /** A 2010 API path names its account; only that account may use it. */
    private static boolean ownsPath(String account, String path) {
        return !path.startsWith(ACCOUNT_PATH) || path.startsWith(ACCOUNT_PATH + account + "/");
    }

    private static void pause(Script script) {
        try {
            Thread.sleep(script.delayMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A scripted {@code Transfer-Encoding: chunked} sends the body chunked, without announcing its length. */
    private static void write(HttpExchange exchange, StandInResponse response) throws IOException {
        boolean chunked = "chunked".equalsIgnoreCase(response.headers().get("Transfer-Encoding"));
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().remove("Transfer-Encoding");
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), chunked ? 0 : body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
