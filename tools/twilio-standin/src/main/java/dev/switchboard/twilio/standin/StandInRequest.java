package dev.switchboard.twilio.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP request as the stand-in sees it, read once.
 *
 * @param form     form parameters of an {@code application/x-www-form-urlencoded} body, in order, repeats kept
 * @param headers  lower-case names
 * @param answered completed once the answer to this request has been written: what a request changed is announced
 *                 (webhooks) only after that, as Twilio's post-event webhooks follow its answer
 */
record StandInRequest(String method, String path, String query, Map<String, List<String>> queryParams,
                      Map<String, List<String>> form, Map<String, List<String>> headers, byte[] body,
                      CompletableFuture<Void> answered) {

    static StandInRequest read(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String contentType = headers.getOrDefault("content-type", List.of("")).get(0);
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, List<String>> form = contentType.startsWith("application/x-www-form-urlencoded")
                ? decodeForm(new String(body, StandardCharsets.UTF_8))
                : Map.of();
        return new StandInRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(), query, decodeForm(query), form, headers, body,
                new CompletableFuture<>());
    }

    static Map<String, List<String>> decodeForm(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }
        params.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(form.get(name)).map(values -> values.get(0));
    }

    List<String> params(String name) {
        return form.getOrDefault(name, List.of());
    }

    Optional<String> queryParam(String name) {
        return Optional.ofNullable(queryParams.get(name)).map(values -> values.get(0));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).map(values -> values.get(0));
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The Basic auth user: the Account SID the SDK authenticates with. */
    String accountSid() {
        return basicCredentials().map(credentials -> credentials[0]).orElse("");
    }

    /** The user and password of HTTP Basic auth, if the request carries it. */
    Optional<String[]> basicCredentials() {
        return header("authorization")
                .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6))
                .map(value -> decodeBasic(value.substring(6).trim()))
                .filter(pair -> pair.length == 2);
    }

    private static String[] decodeBasic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).split(":", 2);
        } catch (IllegalArgumentException notBase64) {
            return new String[0];
        }
    }
}
