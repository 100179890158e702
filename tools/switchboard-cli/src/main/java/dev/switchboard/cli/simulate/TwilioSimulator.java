package dev.switchboard.cli.simulate;

import dev.switchboard.twilio.standin.InboundSms;
import dev.switchboard.twilio.standin.Json;
import dev.switchboard.twilio.standin.Sids;
import dev.switchboard.twilio.standin.WebhookPoster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Behind {@code ./switchboard simulate}: sends correctly signed Twilio webhooks to a running suite, with Twilio's
 * habits on demand (duplicates, out-of-order status callbacks, media-only messages), or a load at a fixed rate.
 * <pre>
 *   sms          --from +15551230001 [--to N] [--body T] [--duplicates K] [--standin URL]
 *   whatsapp     --from +15551230001 [--to N] [--body T] [--media K] [--location] [--duplicates K] [--standin URL]
 *   status       --sid SM… --to +1555… [--statuses queued,sent,delivered] [--shuffle]
 *   conversation --conversation CH… --author ID [--body T]        (a Conversations onMessageAdded)
 *   load         --rate R --seconds S [--duplicates K]              (open loop: R webhooks a second, SMS)
 *   options: --url (SWITCHBOARD_PUBLIC_URL, else http://127.0.0.1:$WEBHOOK_INGEST_PORT, 8081), token TWILIO_AUTH_TOKEN,
 *            TWILIO_ACCOUNT_SID
 * </pre>
 * With {@code --standin http://127.0.0.1:8099} an sms or whatsapp goes to that Twilio stand-in instead
 * ({@code POST /_standin/sms/inbound}), which routes it as Twilio does: into the conversation where From and To are a
 * participant's Address and ProxyAddress, else to its Messaging webhook.
 */
public final class TwilioSimulator {

    private final String baseUrl;
    private final String accountSid;
    private final WebhookPoster poster;
    private final SimulatedPhotos photos = new SimulatedPhotos();

    TwilioSimulator(String baseUrl, String accountSid, String authToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.accountSid = accountSid;
        this.poster = new WebhookPoster(Optional.of(authToken));
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            System.out.print(SimulatorCommands.usage());
            System.exit(args.length == 0 ? 2 : 0);
        }
        Options options;
        List<Integer> statuses;
        try {
            if (List.of(args).contains("--help")) {
                System.out.print(SimulatorCommands.usage(SimulatorCommands.command(args[0])));
                System.exit(0);
            }
            options = Options.parse(args);
            TwilioSimulator simulator = new TwilioSimulator(
                    options.get("url", defaultWebhookUrl(env)),
                    env.getOrDefault("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000"),
                    env.getOrDefault("TWILIO_AUTH_TOKEN", "local-dev-auth-token"));
            statuses = simulator.run(options);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // One line on what is wrong, never a stack trace: this is a command line.
            System.err.println("simulate: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean allAccepted = statuses.stream().allMatch(status -> status / 100 == 2);
        System.exit(allAccepted ? 0 : 1);
    }

    /**
     * Where {@code ./switchboard up} puts webhook-ingest, read from the same settings: {@code SWITCHBOARD_PUBLIC_URL},
     * else the local URL on {@code WEBHOOK_INGEST_PORT} (8081), so that {@code WEBHOOK_INGEST_PORT=9081} given to both
     * commands reaches the suite (as {@code TWILIO_STANDIN_PORT} does for the photos).
     */
    static String defaultWebhookUrl(Map<String, String> env) {
        String publicUrl = env.get("SWITCHBOARD_PUBLIC_URL");
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl;
        }
        String port = env.get("WEBHOOK_INGEST_PORT");
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8081" : port.trim());
    }

    List<Integer> run(Options options) {
        return switch (options.command()) {
            case "sms", "whatsapp" -> options.flag("standin") ? List.of(viaStandIn(options))
                    : times(options.integer("duplicates", 0) + 1,
                    messagingParams(options, Sids.next(options.integer("media", 0) > 0 ? "MM" : "SM")), "/webhooks/twilio/messaging");
            case "status" -> statusSequence(options);
            case "conversation" -> List.of(send("/webhooks/twilio/conversations", conversationParams(options)));
            case "load" -> load(options);
            default -> throw new IllegalArgumentException("unknown command '" + options.command() + "'");
        };
    }

    private List<Integer> times(int count, Map<String, String> params, String path) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(send(path, params));
        }
        return statuses;
    }

    private int send(String path, Map<String, String> params) {
        WebhookPoster.Answer response = poster.post(baseUrl + path, params).join();
        System.out.printf("%s %s -> %d %s%n", path, params.getOrDefault("MessageSid", params.get("EventType")),
                response.statusCode(), response.statusCode() / 100 == 2 ? "" : response.body());
        return response.statusCode();
    }

    /**
     * The SMS as a handset sends it, to the stand-in, which routes it. The status: the stand-in's own when it
     * refuses, else the Messaging webhook's answer (502 when it could not be reached), else 200.
     */
    private int viaStandIn(Options options) {
        if (options.flag("duplicates") || options.flag("media") || options.flag("location")) {
            throw new IllegalArgumentException("--standin sends one text message: no --duplicates, --media or --location");
        }
        String prefix = options.command().equals("whatsapp") ? "whatsapp:" : "";
        Map<String, String> sms = new LinkedHashMap<>();
        sms.put("from", prefix + options.required("from"));
        sms.put("to", prefix + options.get("to", prefix.isEmpty() ? "+15005550006" : "+14155238886"));
        sms.put("body", options.get("body", "Hello from the simulator"));
        sms.put("account_sid", accountSid);
        String url = options.required("standin").replaceFirst("/+$", "") + InboundSms.PATH;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(sms)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("%s %s -> %d %s%n", InboundSms.PATH, sms.get("from"), response.statusCode(), response.body());
            if (response.statusCode() / 100 != 2) {
                return response.statusCode();
            }
            com.fasterxml.jackson.databind.JsonNode answer = Json.MAPPER.readTree(response.body());
            if (answer.has("webhook_status")) {
                return answer.path("webhook_status").isInt() ? answer.path("webhook_status").asInt() : 502;
            }
            return 200;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot reach the stand-in at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> messagingParams(Options options, String sid) {
        boolean whatsapp = options.command().equals("whatsapp");
        String prefix = whatsapp ? "whatsapp:" : "";
        String from = options.required("from");
        int media = options.integer("media", 0);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("AccountSid", accountSid);
        params.put("From", prefix + from);
        params.put("To", prefix + options.get("to", whatsapp ? "+14155238886" : "+15005550006"));
        params.put("Body", options.get("body", media > 0 ? "" : "Hello from the simulator"));
        params.put("NumMedia", Integer.toString(media));
        params.put("NumSegments", "1");
        params.put("ApiVersion", "2010-04-01");
        for (int i = 0; i < media; i++) {
            String mediaSid = Sids.next("ME");
            photos.store(options, mediaSid);
            params.put("MediaUrl" + i, "https://api.twilio.com/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid
                    + "/Media/" + mediaSid);
            params.put("MediaContentType" + i, "image/jpeg");
        }
        if (whatsapp) {
            params.put("ProfileName", "Simulated");
            params.put("WaId", from.replace("+", ""));
            params.put("MessageType", media > 0 ? "image" : options.flag("location") ? "location" : "text");
        }
        if (options.flag("location")) {
            params.put("Latitude", "52.5200");
            params.put("Longitude", "13.4050");
        }
        return params;
    }

    private List<Integer> statusSequence(Options options) {
        List<String> sequence = new ArrayList<>(List.of(options.get("statuses", "queued,sent,delivered").split(",")));
        if (options.flag("shuffle")) {
            Collections.shuffle(sequence);
        }
        List<Integer> statuses = new ArrayList<>();
        for (String status : sequence) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("MessageSid", options.required("sid"));
            params.put("SmsSid", options.required("sid"));
            params.put("AccountSid", accountSid);
            params.put("MessageStatus", status);
            params.put("SmsStatus", status);
            params.put("To", options.required("to"));
            params.put("From", options.get("from", "+15005550006"));
            params.put("ApiVersion", "2010-04-01");
            statuses.add(send("/webhooks/twilio/status", params));
        }
        return statuses;
    }

    private Map<String, String> conversationParams(Options options) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("EventType", "onMessageAdded");
        params.put("AccountSid", accountSid);
        params.put("ConversationSid", options.required("conversation"));
        params.put("MessageSid", Sids.next("IM"));
        params.put("Author", options.required("author"));
        params.put("Body", options.get("body", "Hello from the simulator"));
        params.put("Index", "0");
        params.put("Source", "SDK");
        params.put("DateCreated", java.time.Instant.now().toString());
        return params;
    }

    /** Open loop: webhooks leave on schedule whether or not earlier ones were answered, as Twilio's do. */
    private List<Integer> load(Options options) {
        int rate = options.integer("rate", 50);
        int seconds = options.integer("seconds", 10);
        int copies = options.integer("duplicates", 0) + 1;
        long intervalNanos = 1_000_000_000L / rate;
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        List<Long> latenciesMicros = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (long i = 0; i < (long) rate * seconds; i++) {
            long due = start + i * intervalNanos;
            // Sleep, not spin: on a small machine a spinning sender would steal the suite's CPU.
            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            Options one = Options.parse(new String[] { "sms", "--from", String.format("+1555%07d", i % 10_000_000) });
            Map<String, String> params = messagingParams(one, Sids.next("SM"));
            for (int copy = 0; copy < copies; copy++) {
                long sent = System.nanoTime();
                inFlight.add(poster.post(baseUrl + "/webhooks/twilio/messaging", params).handle((response, failure) -> {
                    latenciesMicros.add((System.nanoTime() - sent) / 1000);
                    byStatus.computeIfAbsent(failure == null ? response.statusCode() : -1, k -> new AtomicInteger())
                            .incrementAndGet();
                    return null;
                }));
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        List<Long> sorted = latenciesMicros.stream().sorted().toList();
        System.out.printf("sent %d webhooks at %d/s for %d s; answers %s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.size(), rate * copies, seconds, new TreeMap<>(byStatus), percentile(sorted, 50) / 1000.0,
                percentile(sorted, 99) / 1000.0, sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0);
        List<Integer> statuses = new ArrayList<>();
        byStatus.forEach((status, count) -> statuses.addAll(Collections.nCopies(count.get(), status)));
        return statuses;
    }

    private static double percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    /** {@code command --name value --flag}. */
    record Options(String command, Map<String, String> values) {

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("which command? " + String.join(", ", SimulatorCommands.ALL.keySet())
                        + " (simulate --help lists them)");
            }
            SimulatorCommands.Command command = SimulatorCommands.command(args[0]);
            Map<String, String> values = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException(args[0] + ": expected an --option, got '" + args[i] + "'");
                }
                boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                values.put(args[i].substring(2), hasValue ? args[++i] : "true");
            }
            SimulatorCommands.check(command, values);
            return new Options(args[0], values);
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(command + " needs --" + name);
            }
            return value;
        }

        int integer(String name, int fallback) {
            if (!values.containsKey(name)) {
                return fallback;
            }
            try {
                return Integer.parseInt(values.get(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(command + ": --" + name + " must be a whole number, got '"
                        + values.get(name) + "'");
            }
        }

        boolean flag(String name) {
            return values.containsKey(name);
        }
    }
}
