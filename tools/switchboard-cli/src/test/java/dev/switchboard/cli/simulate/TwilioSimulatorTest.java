package dev.switchboard.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.security.RequestValidator;
import dev.switchboard.twilio.TwilioClients;
import dev.switchboard.twilio.standin.StandInSettings;
import dev.switchboard.twilio.standin.TwilioStandIn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioSimulatorTest {

    private static final String TOKEN = "simulator-test-token";
    private static final String ACCOUNT = "AC00000000000000000000000000000001";

    private record Received(String url, Map<String, String> params, boolean validSignature) {
    }

    private HttpServer webhookIngest;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private TwilioSimulator simulator;
    private String base;

    @BeforeEach
    void startAWebhookReceiver() throws IOException {
        webhookIngest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + webhookIngest.getAddress().getPort();
        webhookIngest.createContext("/", exchange -> {
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] nameValue = pair.split("=", 2);
                params.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
            String url = base + exchange.getRequestURI();
            boolean valid = new RequestValidator(TOKEN).validate(url, params,
                    exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            received.add(new Received(exchange.getRequestURI().getPath(), params, valid));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhookIngest.start();
        simulator = new TwilioSimulator(base, ACCOUNT, TOKEN);
    }

    @AfterEach
    void stop() {
        webhookIngest.stop(0);
    }

    /** A media URL fetched as Switchboard fetches it from Twilio: with the account's Basic credentials. */
    private static HttpResponse<byte[]> fetchAsTwilioDoes(String url) {
        String credentials = Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot fetch " + url, e);
        }
    }

    private List<Integer> simulate(String... args) {
        return simulator.run(TwilioSimulator.Options.parse(args));
    }

    @Test
    void smsWithDuplicatesIsTheSameSignedWebhookDeliveredAgain() {
        List<Integer> answers = simulate("sms", "--from", "+15551230001", "--body", "hi", "--duplicates", "2");

        assertEquals(List.of(200, 200, 200), answers);
        assertEquals(3, received.size());
        assertTrue(received.stream().allMatch(Received::validSignature), "Twilio's SDK accepts every signature");
        assertEquals(1, received.stream().map(r -> r.params().get("MessageSid")).distinct().count());
        assertEquals("/webhooks/twilio/messaging", received.get(0).url());
        assertEquals("hi", received.get(0).params().get("Body"));
    }

    @Test
    void mediaOnlyWhatsAppNamesPhotosTheStandInReallyServes() {
        try (TwilioStandIn standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(TOKEN), false))) {
            simulate("whatsapp", "--from", "+15551230001", "--media", "2", "--media-standin", standIn.baseUrl());

            Map<String, String> params = received.get(0).params();
            assertEquals("whatsapp:+15551230001", params.get("From"));
            assertEquals("", params.get("Body"));
            assertEquals("2", params.get("NumMedia"));
            assertEquals("image", params.get("MessageType"));
            assertTrue(received.get(0).validSignature());
            for (int i = 0; i < 2; i++) {
                String url = params.get("MediaUrl" + i);
                assertTrue(url.startsWith("https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/"),
                        url);
                HttpResponse<byte[]> photo = fetchAsTwilioDoes(standIn.baseUrl() + url.substring("https://api.twilio.com".length()));
                assertEquals(200, photo.statusCode(), url);
                assertEquals("image/jpeg", photo.headers().firstValue("Content-Type").orElseThrow());
                assertEquals(0xFF, photo.body()[0] & 0xFF, "a real JPEG");
                assertEquals(0xD8, photo.body()[1] & 0xFF, "a real JPEG");
            }
        }
    }

    @Test
    void anSmsSentThroughTheStandInIsRoutedIntoTheConversationOfItsAddressesElseToMessaging() {
        try (TwilioStandIn standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(TOKEN), false)
                .withConversationsWebhookUrl(base + "/webhooks/twilio/conversations")
                .withMessagingWebhookUrl(base + "/webhooks/twilio/messaging"))) {
            TwilioRestClient client = TwilioClients.create(ACCOUNT, TOKEN, Optional.of(standIn.baseUrl()));
            String conversation = Conversation.creator().setUniqueName("simulated-gig").create(client).getSid();
            Participant.creator(conversation).setMessagingBindingAddress("+15551230001")
                    .setMessagingBindingProxyAddress("+15005550006").create(client);

            List<Integer> intoConversation = simulate("sms", "--from", "+15551230001", "--to", "+15005550006",
                    "--body", "via simulator", "--standin", standIn.baseUrl());
            List<Integer> toMessaging = simulate("sms", "--from", "+15551230009", "--to", "+15005550006",
                    "--standin", standIn.baseUrl());

            assertEquals(List.of(200), intoConversation);
            assertEquals(List.of(200), toMessaging);
            assertEquals(List.of("/webhooks/twilio/conversations", "/webhooks/twilio/messaging"),
                    received.stream().map(Received::url).sorted().toList());
            assertTrue(received.stream().allMatch(Received::validSignature), "the stand-in signs as Twilio does");
            assertEquals("via simulator", Message.reader(conversation).read(client).iterator().next().getBody());
        }
    }

    @Test
    void aPhotoWithNoStandInToHoldItIsAClearErrorBeforeAnyWebhook() {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> simulate("whatsapp", "--from",
                "+15551230001", "--media", "1", "--media-standin", "http://127.0.0.1:9"));
        assertTrue(refused.getMessage().contains("cannot store the photo"), refused.getMessage());
        assertEquals(0, received.size());
    }

    @Test
    void shuffledStatusCallbacksCoverTheWholeSequence() {
        simulate("status", "--sid", "SM123", "--to", "+15551230001", "--statuses", "queued,sent,delivered,read",
                "--shuffle");

        Set<String> statuses = new HashSet<>();
        received.forEach(r -> statuses.add(r.params().get("MessageStatus")));
        assertEquals(Set.of("queued", "sent", "delivered", "read"), statuses);
        assertTrue(received.stream().allMatch(r -> r.url().equals("/webhooks/twilio/status") && r.validSignature()));
    }

    @Test
    void conversationEventAndLoadAreSignedToo() {
        simulate("conversation", "--conversation", "CH1", "--author", "user-7");
        List<Integer> load = simulate("load", "--rate", "40", "--seconds", "1");

        assertEquals("onMessageAdded", received.get(0).params().get("EventType"));
        assertEquals("/webhooks/twilio/conversations", received.get(0).url());
        assertEquals(40, load.size());
        assertEquals(41, received.size());
        assertTrue(received.stream().allMatch(Received::validSignature));
    }

    @Test
    void unknownCommandOptionOrValueIsOneLineSayingWhatIsWrong() {
        assertEquals("unknown command 'fax'; one of sms, whatsapp, status, conversation, load (simulate --help lists"
                + " them)", assertThrows(IllegalArgumentException.class, () -> simulate("fax")).getMessage());
        assertEquals("sms needs --from (the sender's number, E.164 (e.g. +15551230001))",
                assertThrows(IllegalArgumentException.class, () -> simulate("sms")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> simulate("sms", "--from", "+1555", "--frm", "x"))
                .getMessage().startsWith("sms: unknown option --frm; it takes --from, --to, --body"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> simulate("sms", "--from"))
                .getMessage().startsWith("sms: --from needs a value"));
        assertEquals("load: --rate must be a whole number, got 'fast'", assertThrows(IllegalArgumentException.class,
                () -> simulate("load", "--rate", "fast")).getMessage());
        assertEquals(0, received.size());
    }

    /** The launcher's port settings reach the simulator too: WEBHOOK_INGEST_PORT=9081 ./switchboard up, then simulate. */
    @Test
    void webhooksGoWhereTheLauncherPutWebhookIngest() {
        assertEquals("http://127.0.0.1:8081", TwilioSimulator.defaultWebhookUrl(Map.of()));
        assertEquals("http://127.0.0.1:9081", TwilioSimulator.defaultWebhookUrl(Map.of("WEBHOOK_INGEST_PORT", "9081")));
        assertEquals("https://hooks.example.com", TwilioSimulator.defaultWebhookUrl(Map.of("WEBHOOK_INGEST_PORT", "9081",
                "SWITCHBOARD_PUBLIC_URL", "https://hooks.example.com")));
    }

    @Test
    void helpListsEveryCommandAndEachCommandsOptionsWithDefaults() {
        String all = SimulatorCommands.usage();
        SimulatorCommands.ALL.keySet().forEach(command -> assertTrue(all.contains("  " + command + " "), all));
        String whatsapp = SimulatorCommands.usage(SimulatorCommands.command("whatsapp"));
        assertTrue(whatsapp.contains("--from <value>") && whatsapp.contains("[required]"), whatsapp);
        assertTrue(whatsapp.contains("--media <value>") && whatsapp.contains("[default 0]"), whatsapp);
        assertTrue(whatsapp.contains("--location "), whatsapp);
    }
}
