package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ./switchboard reconcile} against a stand-in for conversation-manager's {@code POST /reconciliations}. */
class ReconcileCommandTest {

    private final List<String> requests = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;
    private int status = 200;
    private String answer = """
            {"since":"2026-12-05T08:00:00Z","until":"2026-12-05T09:59:30Z","read":{"messages":12,"conversations":1},
             "healed":{"message":1,"status":0},
             "items":[{"kind":"message","sid":"SM1","conversation_sid":null,"event":"message.added","detail":"from +15551230001"}]}""";

    @BeforeEach
    void startConversationManager() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/reconciliations", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(Map<String, String> environment, String... args) {
        return ReconcileCommand.run(List.of(args), environment, "http://127.0.0.1:1", () -> "local-token",
                new PrintStream(out, true), new PrintStream(err, true));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aPassPostsTheWindowWithTheDeploymentsTokenAndPrintsWhatWasHealed() {
        int exit = run(Map.of("SWITCHBOARD_TOKEN", "ops-token"), "--since", "PT2H", "--url", url());

        assertEquals(0, exit, err.toString());
        assertEquals(List.of("POST Bearer ops-token {\"since\":\"PT2H\"}"), requests);
        String printed = out.toString();
        assertTrue(printed.contains("healed: message 1, status 0"), printed);
        assertTrue(printed.contains("  message SM1: from +15551230001"), printed);
    }

    @Test
    void withoutATokenInTheEnvironmentTheLocalSuitesIsUsedAndTheUrlComesFromTheEnvironment() {
        assertEquals(0, run(Map.of("CONVERSATION_MANAGER_URL", url())), err.toString());

        assertEquals(List.of("POST Bearer local-token {}"), requests);
    }

    @Test
    void aRefusalIsPrintedWithItsProblemAndFails() {
        status = 409;
        answer = "{\"reason\":\"reconciliation-running\",\"detail\":\"another replica is reconciling now\"}";

        assertEquals(1, run(Map.of("SWITCHBOARD_TOKEN", "t"), "--url", url()));
        assertTrue(err.toString().contains("answered 409") && err.toString().contains("another replica"), err.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run(Map.of(), "--window", "PT2H"));
        assertTrue(requests.isEmpty());
    }
}
