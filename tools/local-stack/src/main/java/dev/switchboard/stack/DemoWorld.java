package dev.switchboard.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small world to look at on a fresh local suite: two app users with phone numbers, chat identities and Supabase
 * Auth ids (so their tokens look like the apps' own), a gig conversation between them, and an active task for alice
 * that the README's photo example completes. Seeded through the public APIs, once: seeding again changes nothing.
 */
public final class DemoWorld {

    /** A demo user; {@code authId} is the {@code sub} of their tokens, as a Supabase session's would be. */
    public record DemoUser(String name, String phone, UUID authId) {
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "+15551230001", UUID.fromString("a11ce000-0000-4000-8000-000000000001")),
            new DemoUser("bob", "+15551230002", UUID.fromString("b0b00000-0000-4000-8000-000000000002")));
    public static final String GIG = "demo-gig";
    static final Duration TOKEN_TTL = Duration.ofHours(12);

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String conversationManager;
    private final String secret;

    public DemoWorld(String conversationManager, String secret) {
        this.conversationManager = conversationManager;
        this.secret = secret;
    }

    public static Optional<DemoUser> user(String name) {
        return USERS.stream().filter(user -> user.name().equals(name)).findFirst();
    }

    public String token(DemoUser user) {
        return LocalTokens.user(user.authId().toString(), TOKEN_TTL, secret);
    }

    /** The demo users' tokens as the gateway's demo page offers them: {@code alice=<jwt>,bob=<jwt>}. */
    public static String sessions(String secret) {
        DemoWorld world = new DemoWorld("", secret);
        return USERS.stream().map(user -> user.name() + "=" + world.token(user)).collect(Collectors.joining(","));
    }

    public String serviceToken() {
        return LocalTokens.serviceRole(TOKEN_TTL, secret);
    }

    public void seed() {
        for (DemoUser user : USERS) {
            call("POST", "/users", serviceToken(), "{\"username\":\"" + user.name() + "\",\"phone_number\":\""
                    + user.phone() + "\",\"chat_identity\":\"" + user.name() + "\",\"auth_id\":\"" + user.authId()
                    + "\"}", 201, 409);
        }
        call("PUT", "/gigs/" + GIG + "/conversation", serviceToken(), "{\"participants\":[{\"identity\":\"alice\"},"
                + "{\"identity\":\"bob\"}]}", 200);
        DemoUser alice = USERS.get(0);
        Matcher id = ID.matcher(call("GET", "/me", token(alice), null, 200));
        if (!id.find()) {
            throw new IllegalStateException("GET /me did not name alice's id");
        }
        if (call("GET", "/tasks?status=active&user_id=" + id.group(1), serviceToken(), null, 200).trim().equals("[]")) {
            call("POST", "/tasks", serviceToken(), "{\"user_id\":" + id.group(1) + ",\"description\":\"Send a photo of"
                    + " your workspace\",\"points\":10}", 201);
        }
    }

    /** What {@code ./switchboard up} prints: where to look, and tokens to paste. */
    public String describe(String gateway) {
        StringBuilder out = new StringBuilder("Demo (local only; tokens valid " + TOKEN_TTL.toHours() + " h):\n");
        out.append("  demo page              ").append(gateway).append("/   (pick alice; bob in a second tab)\n");
        for (DemoUser user : USERS) {
            out.append(String.format("  token %-16s %s%n", user.name() + " (" + user.phone() + ")", token(user)));
        }
        out.append(String.format("  token %-16s %s%n", "service role", serviceToken()));
        out.append("  try: ./switchboard simulate whatsapp --from ").append(USERS.get(0).phone())
                .append(" --media 1   (alice's photo completes her task; the reply arrives on her stream)\n");
        return out.toString();
    }

    private String call(String method, String path, String token, String json, int... expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(conversationManager + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response.body();
                }
            }
            throw new IllegalStateException("demo data: " + method + " " + path + " answered " + response.statusCode()
                    + " " + response.body());
        } catch (IOException e) {
            throw new IllegalStateException("demo data: conversation-manager cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
