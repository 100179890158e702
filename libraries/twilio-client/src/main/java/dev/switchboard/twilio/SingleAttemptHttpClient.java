package dev.switchboard.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's HTTP client with three changes.
 * <ul>
 * <li>One attempt per call. The SDK's {@code reliableRequest} repeats any request answered 5xx, POSTs included: a 5xx
 * after Twilio accepted a message would send it twice. Retries belong to the caller, who knows what is idempotent.
 * Apache HttpClient's own retry is off too: by default it resends any request answered 429 or 503, POSTs included.</li>
 * <li>A configurable read timeout (the SDK waits 30 s): past it the caller cannot know whether Twilio acted.</li>
 * <li>An optional base URL that replaces {@code https://<product>.twilio.com}: the SDK has no such setting.</li>
 * </ul>
 */
final class SingleAttemptHttpClient extends NetworkHttpClient {

    private static final Pattern TWILIO_ORIGIN = Pattern.compile("^https://[a-z0-9.-]+\\.twilio\\.com");

    /** Concurrent requests before a caller waits for a connection (the SDK allows 10 per host). */
    private static final int MAX_CONNECTIONS = 50;

    private final Optional<String> baseUrl;

    SingleAttemptHttpClient(Optional<String> baseUrl, Duration readTimeout) {
        super(withoutRetries(readTimeout));
        this.baseUrl = baseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private static HttpClientBuilder withoutRetries(Duration readTimeout) {
        return HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(readTimeout)).build())
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build());
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(baseUrl.map(base -> rebased(request, base)).orElse(request));
    }

    static String rebase(String url, String base) {
        return TWILIO_ORIGIN.matcher(url).replaceFirst(java.util.regex.Matcher.quoteReplacement(base));
    }

    private static Request rebased(Request request, String base) {
        Request copy = new Request(request.getMethod(), rebase(request.getUrl(), base));
        copyParams(request.getQueryParams(), copy::addQueryParam);
        copyParams(request.getPostParams(), copy::addPostParam);
        copyParams(request.getHeaderParams(), copy::addHeaderParam);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        copy.setBody(request.getBody());
        copy.setFormParameters(request.getFormParameters());
        return copy;
    }

    private static void copyParams(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
