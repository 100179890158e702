package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./switchboard reconcile [--since PT2H] [--url <conversation-manager>]}: one reconciliation pass now, in any
 * environment — conversation-manager's {@code POST /reconciliations} with a service-role token — printing what it
 * healed. The token is {@code SWITCHBOARD_TOKEN} when set (a real deployment's), else one minted for the local suite.
 */
final class ReconcileCommand {

    static final String USAGE = """
            usage: ./switchboard reconcile [--since PT2H|<instant>] [--url <conversation-manager URL>]
              --since   how far back to compare with Twilio's lists: a duration (PT2H, P1D) or an instant
                        (2026-12-05T10:00:00Z) [default: the service's RECONCILIATION_WINDOW, 2h]
              --url     conversation-manager [default: CONVERSATION_MANAGER_URL, else the local suite's]
            The service-role token is SWITCHBOARD_TOKEN when set, else one for the local suite.
            Prints what the pass read and healed, one line per healed resource.
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReconcileCommand() {
    }

    /**
     * @param localUrl   the local suite's conversation-manager, used without --url and CONVERSATION_MANAGER_URL
     * @param localToken mints a service-role token for the local suite, used without SWITCHBOARD_TOKEN
     */
    static int run(List<String> args, Map<String, String> environment, String localUrl, Supplier<String> localToken,
            PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        String since = null;
        String url = environment.getOrDefault("CONVERSATION_MANAGER_URL", localUrl);
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size() || !(option.equals("--since") || option.equals("--url"))) {
                err.println("switchboard reconcile: unknown option or missing value: " + option
                        + " (reconcile --help lists them)");
                return 2;
            }
            if (option.equals("--since")) {
                since = args.get(++i);
            } else {
                url = args.get(++i);
            }
        }
        String token = environment.containsKey("SWITCHBOARD_TOKEN") ? environment.get("SWITCHBOARD_TOKEN")
                : localToken.get();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url.replaceAll("/+$", "") + "/reconciliations"))
                    .timeout(Duration.ofMinutes(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            since == null ? Map.of() : Map.of("since", since))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                err.println("switchboard reconcile: " + url + " answered " + answer.statusCode() + ": " + answer.body());
                return 1;
            }
            print(JSON.readTree(answer.body()), out);
            return 0;
        } catch (java.io.IOException e) {
            err.println("switchboard reconcile: " + url + " unreachable: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void print(JsonNode report, PrintStream out) {
        out.println("reconciled " + report.path("since").asText() + " .. " + report.path("until").asText());
        out.println("read:   " + pairs(report.path("read")));
        out.println("healed: " + pairs(report.path("healed")));
        for (JsonNode item : report.path("items")) {
            out.println("  " + item.path("kind").asText() + " " + item.path("sid").asText()
                    + (item.hasNonNull("conversation_sid") ? " in " + item.path("conversation_sid").asText() : "")
                    + ": " + item.path("detail").asText());
        }
    }

    private static String pairs(JsonNode counts) {
        StringBuilder text = new StringBuilder();
        counts.fields().forEachRemaining(count -> text.append(text.length() == 0 ? "" : ", ")
                .append(count.getKey()).append(' ').append(count.getValue().asLong()));
        return text.length() == 0 ? "nothing" : text.toString();
    }
}
