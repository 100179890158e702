package dev.switchboard.e2e;

import dev.switchboard.stack.ProjectLayout;
import static dev.switchboard.stack.ManagedProcesses.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.stack.KafkaBroker;
import dev.switchboard.stack.LocalStack;
import dev.switchboard.stack.PostgresCluster;
import dev.switchboard.stack.StackSettings;
import dev.switchboard.testing.TestJwks;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.TwilioSignatures;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole suite as production runs it — packaged services in their own JVMs, a real Kafka broker and PostgreSQL,
 * the Twilio stand-in in place of Twilio — on free ports, plus the calls Twilio and client apps make against it.
 * One instance per test class; {@link #close()} stops every process it started and deletes their data.
 */
public final class Suite implements AutoCloseable {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    public static final String AUTH_TOKEN = "end-to-end-auth-token";
    public static final String WHATSAPP_NUMBER = "+14155238886";
    public static final String SMS_NUMBER = "+15005550006";
    public static final Duration SOON = Duration.ofSeconds(20);
    public static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack stack;
    private final Map<String, Integer> ports;
    private final int standInPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Suite(LocalStack stack, Map<String, Integer> ports, int standInPort) {
        this.stack = stack;
        this.ports = ports;
        this.standInPort = standInPort;
    }

    /** Starts everything; {@code name} names the folder under {@code tests/end-to-end/target/} holding data and logs. */
    public static Suite start(String name) {
        return start(name, Map.of());
    }

    /** As {@link #start(String)}, with settings added to (or overriding) every service's environment. */
    public static Suite start(String name, Map<String, String> environment) {
        return start(name, environment, freePort(), Optional.empty(), bootstrap -> { });
    }

    /**
     * As {@link #start(String)}, with {@code beforeServices} given the broker's bootstrap servers once Kafka and
     * PostgreSQL run and before any service starts: to leave what an earlier run would have left, a backlog say.
     */
    public static Suite startAfter(String name, Consumer<String> beforeServices) {
        return start(name, Map.of(), freePort(), Optional.empty(), beforeServices);
    }

    /**
     * As {@link #start(String, Map)}, for services that reach Kafka and PostgreSQL through relays the caller runs:
     * PostgreSQL listens on {@code postgresPort} (the caller's relay forwards to it) and the broker has the relayed
     * listener {@code kafka}. {@code environment} sends the services to the relays.
     */
    public static Suite startBehindRelays(String name, Map<String, String> environment, int postgresPort,
            KafkaBroker.RelayedListener kafka) {
        return start(name, environment, postgresPort, Optional.of(kafka), bootstrap -> { });
    }

    private static Suite start(String name, Map<String, String> environment, int postgresPort,
            Optional<KafkaBroker.RelayedListener> relayedKafka, Consumer<String> beforeServices) {
        Path root = ProjectLayout.root();
        Map<String, Integer> ports = new LinkedHashMap<>();
        StackSettings.DEFAULT_SERVICE_PORTS.keySet().forEach(service -> ports.put(service, freePort()));
        int standInPort = freePort();
        // Client tokens are verified by both the HS256 secret and the published keys, as for a Supabase project.
        Map<String, String> env = new HashMap<>(Map.of("SWITCHBOARD_JWT_SECRET", TestTokens.SECRET,
                "SWITCHBOARD_JWKS_URL", TestJwks.url(),
                "TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_AUTH_TOKEN", AUTH_TOKEN,
                "TWILIO_WHATSAPP_NUMBER", WHATSAPP_NUMBER));
        env.putAll(environment);
        LocalStack stack = new LocalStack(new StackSettings(root, root.resolve("tests/end-to-end/target/" + name), freePort(),
                freePort(), postgresPort, Optional.empty(), Optional.empty(), ports, Optional.of(standInPort), env),
                relayedKafka);
        try {
            stack.startInfrastructure();
            beforeServices.accept(stack.kafkaBootstrapServers());
            stack.startServices(Duration.ofMinutes(4));
        } catch (RuntimeException e) {
            stack.destroy();
            throw e;
        }
        return new Suite(stack, ports, standInPort);
    }

    @Override
    public void close() {
        stack.destroy();
    }

    /** The processes, for tests that kill, stop and restart them on purpose. */
    public LocalStack stack() {
        return stack;
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String standIn() {
        return "http://127.0.0.1:" + standInPort;
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<byte[]> call(String method, String url, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(SOON);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Calls and asserts the status; returns the JSON body. */
    public JsonNode json(String method, String url, String token, Object body, int expectedStatus) throws Exception {
        HttpResponse<byte[]> response = call(method, url, token, body);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(expectedStatus, response.statusCode(), method + " " + url + " answered " + text);
        return JSON.readTree(text);
    }

    public long newUser(String phone) throws Exception {
        return json("POST", url("conversation-manager") + "/users", TestTokens.serviceRole(),
                Map.of("username", "user" + phone, "phone_number", phone), 201).get("id").asLong();
    }

    /** Posts a Messaging webhook as Twilio does, signed with the suite's auth token unless {@code signed} is false. */
    public HttpResponse<String> postWebhook(Map<String, String> params, boolean signed) throws Exception {
        return http.send(webhookRequest("/webhooks/twilio/messaging", params, signed),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A webhook request to {@code path} of webhook-ingest, built as Twilio builds it. */
    public HttpRequest webhookRequest(String path, Map<String, String> params, boolean signed) {
        String webhook = url("webhook-ingest") + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook)).timeout(SOON)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        if (signed) {
            request.header("X-Twilio-Signature", TwilioSignatures.sign(AUTH_TOKEN, webhook, params));
        }
        return request.build();
    }

    public static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** An inbound WhatsApp text as Twilio's Messaging webhook carries it. */
    public static Map<String, String> inboundWhatsApp(String messageSid, String fromPhone, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", messageSid);
        params.put("SmsSid", messageSid);
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", "whatsapp:" + fromPhone);
        params.put("To", "whatsapp:" + WHATSAPP_NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        params.put("ProfileName", "Ada");
        params.put("WaId", fromPhone.substring(1));
        return params;
    }

    /** An inbound SMS as Twilio's Messaging webhook carries it. */
    public static Map<String, String> inboundSms(String messageSid, String fromPhone, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", messageSid);
        params.put("SmsSid", messageSid);
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", fromPhone);
        params.put("To", SMS_NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        return params;
    }

    public static String newPhone() {
        return "+1555" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** A Twilio-style SID: two letters and 32 hex digits. */
    public static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** Requests the stand-in received on Twilio's API (not its control API), oldest first. */
    public List<JsonNode> standInRequests() throws Exception {
        List<JsonNode> requests = new ArrayList<>();
        json("GET", standIn() + "/_standin/requests?pathPrefix=/2010-04-01", null, null, 200).forEach(requests::add);
        return requests;
    }

    /** Messages the stand-in was asked to send (Messages.json POSTs, whatever it answered), oldest first. */
    public List<JsonNode> standInMessages() throws Exception {
        return standInRequests().stream()
                .filter(request -> "POST".equals(request.path("method").asText())
                        && request.path("path").asText().endsWith("/Messages.json"))
                .toList();
    }

    /** Messages the stand-in was asked to send to {@code to} (a phone number, {@code whatsapp:} prefixed or not). */
    public List<JsonNode> standInMessagesTo(String to) throws Exception {
        return standInMessages().stream()
                .filter(request -> to.equals(request.path("form").path("To").path(0).asText()))
                .toList();
    }

    /** Opens a JDBC connection to the suite's database, for counting what was stored. */
    public Connection database() throws SQLException {
        PostgresCluster postgres = stack.postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(), PostgresCluster.USER, "");
    }

    /** The single number a query such as {@code SELECT count(*) ...} returns. */
    public long queryLong(String sql) throws SQLException {
        try (Connection connection = database(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
