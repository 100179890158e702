package dev.switchboard.conversations.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SSRF guard: a URL is fetched only when it is https on the default port, names an allowlisted host (never an IP
 * literal, so never a private address), and carries no user info. Checked before every request, redirects included.
 */
final class TwilioMediaUrls {

    private static final Pattern IP_LITERAL = Pattern.compile("^\\[.*]$|^[0-9.]+$|^[0-9a-f:]+:[0-9a-f:]*$");

    private final List<String> allowedHosts;
    private final Optional<String> apiBaseUrl;

    TwilioMediaUrls(List<String> allowedHosts, Optional<String> apiBaseUrl) {
        this.allowedHosts = allowedHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT)).toList();
        this.apiBaseUrl = apiBaseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The URL to request for an allowed Twilio URL: itself, or rebased onto TWILIO_API_BASE_URL when that is set. */
    String requestUrl(String url) {
        URI uri = allowed(url);
        return apiBaseUrl.map(base -> base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .orElse(uri.toString());
    }

    private URI allowed(String url) {
        URI uri = parse(url);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getPort() != -1 || uri.getRawUserInfo() != null) {
            throw refused(url, "only https URLs on the default port without user info are fetched");
        }
        if (IP_LITERAL.matcher(host).matches()) {
            throw refused(url, "IP addresses are never fetched");
        }
        if (allowedHosts.stream().noneMatch(allowed -> matches(allowed, host))) {
            throw refused(url, "host " + host + " is not a Twilio media host");
        }
        return uri;
    }

    private static boolean matches(String allowed, String host) {
        return allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : allowed.equals(host);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw refused(String.valueOf(url), "not a URL");
        }
    }

    private static MediaRefusedException refused(String url, String why) {
        return new MediaRefusedException("refused " + url + ": " + why, false);
    }
}
