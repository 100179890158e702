package dev.switchboard.bench.outbound;

import dev.switchboard.bench.load.CompiledWarmUp;
import dev.switchboard.bench.load.CpuTicks;
import dev.switchboard.bench.load.Result;
import dev.switchboard.bench.load.Settings;
import dev.switchboard.bench.streams.BenchUsers;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * P7: a backlog of {@code commands} send commands on {@code outbound-messages}, as conversation-manager's outbox relay
 * produces them (keyed by command id, a {@code message.send_requested} of task completion), drained by one
 * message-sender against the stand-in answering each Messages POST {@code delayMs} late, after a warm-up of batches
 * until steady and compiled ({@link CompiledWarmUp}). Sends per second from the
 * first to the last settled row of the outbound log ({@code updated_at}, set when a row settles); the stand-in's
 * status callbacks are dropped, so nothing touches the rows after that. Then the stand-in's request log: one Messages
 * POST per command, none twice. Then {@code pacedCommands} from the WhatsApp number, which the bench paces
 * ({@code SENDER_RATE_WHATSAPP_NUMBER}): their rate and the most of them within one second, by the stand-in's arrival
 * times. The CPU time of message-sender, Kafka, PostgreSQL and the stand-in ({@code cpu}, as P6 reads it) over the
 * measured drain, per command: what a send costs the CPU that message-sender, Kafka and PostgreSQL share.
 */
public final class OutboundDrain {

    private static final String SETTLED = """
            SELECT count(*), count(*) FILTER (WHERE state = 'sent'),
                extract(epoch FROM max(updated_at) - min(updated_at))
            FROM outbound_messages
            WHERE state IN ('sent', 'failed', 'ambiguous') AND updated_at >= ? AND idempotency_key LIKE ?""";
    private static final String MESSAGES = "/Messages\\.json$";
    /** How often the drain's end is polled; the figures come from the rows' own times, not from the poll. */
    private static final long POLL_MILLIS = 250;
    /** The process that plays Twilio: its CPU is reported, not counted as the suite's. */
    private static final String STAND_IN = "twilio-standin";

    private final Connection db;
    private final KafkaProducer<String, byte[]> producer;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String standIn;
    private final long delayMs;

    private OutboundDrain(Connection db, KafkaProducer<String, byte[]> producer, String standIn, long delayMs) {
        this.db = db;
        this.producer = producer;
        this.standIn = standIn;
        this.delayMs = delayMs;
    }

    /** One settled batch: how many rows settled, how many of them sent, first to last settled. */
    private record Drained(long settled, long sent, double seconds) {
    }

    public static void run(Settings settings) throws Exception {
        try (Connection db = BenchUsers.connect(settings.text("jdbc"));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.text("kafka"),
                        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            OutboundDrain drain = new OutboundDrain(db, producer, settings.text("standInUrl"),
                    settings.integer("delayMs"));
            CpuTicks cpu = new CpuTicks(settings.text("cpu"));
            // The stand-in plays Twilio, which is not on the suite's CPU: its CPU is reported, not counted.
            CompiledWarmUp warmUp = new CompiledWarmUp(cpu, process -> !process.equals(STAND_IN), "commands");
            int batch = settings.integer("warmupCommands");
            int[] drained = {0};
            warmUp.run(() -> {
                Drained warm = drain.drain(batch, drained[0], "sms");
                drained[0] += batch;
                return warm.settled() / warm.seconds();
            }, batch, settings.integer("warmupLimitSeconds"));
            int warmup = drained[0];
            int commands = settings.integer("commands");
            Map<String, Double> cpuBefore = cpu.millis();
            Map<String, Double> jitBefore = cpu.jitMillis();
            Drained measured = drain.drain(commands, warmup, "sms");
            Map<String, Double> cpuAfter = cpu.millis();
            Map<String, Double> jitAfter = cpu.jitMillis();
            Map<String, Integer> posts = drain.postsPerRecipient();
            int pacedCommands = settings.integer("pacedCommands");
            drain.drain(pacedCommands, warmup + commands, "whatsapp");
            List<Instant> paced = drain.arrivals();
            long duplicates = posts.values().stream().mapToLong(count -> count - 1).sum();
            long withoutPost = commands - posts.size();
            Result result = new Result();
            Map<String, Double> perSend = CpuTicks.perUnit(cpuBefore, cpuAfter, commands);
            perSend.forEach((process, millis) -> result.put("cpuMs." + process, millis));
            Map<String, Double> jitPerSend = CpuTicks.perUnit(jitBefore, jitAfter, commands);
            jitPerSend.forEach((process, millis) -> result.put("jitMs." + process, millis));
            result.put("cpuMs.suite", warmUp.sum(perSend))
                    .put("jitMs.suite", warmUp.sum(jitPerSend))
                    .put("warmupCommands", warmup)
                    .put("sendsPerSecond", measured.settled() / measured.seconds())
                    .put("drainSeconds", measured.seconds())
                    .put("notSent", commands - measured.sent())
                    .put("duplicates", duplicates)
                    .put("withoutPost", withoutPost)
                    .put("pacedSendsPerSecond", (paced.size() - 1) / seconds(paced.get(0), paced.get(paced.size() - 1)))
                    .put("pacedPeakSecond", peakSecond(paced))
                    .print();
        }
    }

    /** Puts {@code count} commands on the topic at once and waits until message-sender settled all of them. */
    private Drained drain(int count, int firstRecipient, String channel) throws Exception {
        prepareStandIn(count);
        String batch = "bench-p7-" + UUID.randomUUID() + "-";
        Timestamp produced = Timestamp.from(Instant.now().minusSeconds(1));
        for (int i = 0; i < count; i++) {
            String commandId = batch + i;
            SendRequestData command = new SendRequestData(commandId, channel, recipient(firstRecipient + i),
                    "bench reply " + i, null, null, null, null, null, null);
            Event<SendRequestData> event = Event.of(EventTypes.MESSAGE_SEND_REQUESTED, EventSources.TASK_COMPLETION,
                    commandId, command);
            producer.send(new ProducerRecord<>(Topics.OUTBOUND_MESSAGES, commandId, EventJson.write(event)));
        }
        producer.flush();
        long deadline = System.nanoTime() + 1_200_000_000_000L;
        while (true) {
            Drained drained = settled("command:" + batch + "%", produced);
            if (drained.settled() >= count) {
                return drained;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("message-sender settled " + drained.settled() + " of " + count
                        + " commands within 20 minutes");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** A clean request log, each Messages POST answered {@code delayMs} late, and no status callbacks. */
    private void prepareStandIn(int sends) throws Exception {
        control("DELETE", "/_standin/requests", null);
        control("POST", "/_standin/drops", new JsonObject().put("kinds", new JsonArray().add("status")));
        control("POST", "/_standin/script", new JsonObject().put("method", "POST").put("pathRegex", MESSAGES)
                .put("delayMs", delayMs).put("times", sends));
    }

    /** Messages POSTs the stand-in received since {@link #prepareStandIn}, by their To (one per command). */
    private Map<String, Integer> postsPerRecipient() throws Exception {
        JsonArray requests = new JsonArray(control("GET", "/_standin/requests?pathPrefix=/2010-04-01/", null));
        Map<String, Integer> posts = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            JsonObject request = requests.getJsonObject(i);
            if ("POST".equals(request.getString("method")) && request.getString("path").endsWith("/Messages.json")) {
                JsonArray to = request.getJsonObject("form").getJsonArray("To");
                posts.merge(to == null || to.isEmpty() ? "" : to.getString(0), 1, Integer::sum);
            }
        }
        return posts;
    }

    private String control(String method, String path, JsonObject body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(standIn + path)).header("Content-Type",
                "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /**
     * The batch's settled rows, found through {@code outbound_messages_state} (state, updated_at) from the batch's
     * start: by the key's prefix alone ({@code LIKE}, which the key's C.UTF-8 index cannot serve) each poll scanned the
     * whole log, every earlier run's rows included (54,003 rows after a session's runs), on the servers' CPU.
     */
    private Drained settled(String keys, Timestamp since) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(SETTLED)) {
            statement.setTimestamp(1, since);
            statement.setString(2, keys);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new Drained(rows.getLong(1), rows.getLong(2), rows.getDouble(3));
            }
        }
    }

    /** When each Messages POST since {@link #prepareStandIn} reached the stand-in, in order. */
    private List<Instant> arrivals() throws Exception {
        JsonArray requests = new JsonArray(control("GET", "/_standin/requests?pathPrefix=/2010-04-01/", null));
        List<Instant> arrivals = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            JsonObject request = requests.getJsonObject(i);
            if ("POST".equals(request.getString("method")) && request.getString("path").endsWith("/Messages.json")) {
                arrivals.add(Instant.parse(request.getString("receivedAt")));
            }
        }
        Collections.sort(arrivals);
        return arrivals;
    }

    /** The most arrivals within any one second [t, t + 1 s). */
    static int peakSecond(List<Instant> sorted) {
        int peak = 0;
        for (int first = 0, last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plusSeconds(1).isAfter(sorted.get(last))) {
                first++;
            }
            peak = Math.max(peak, last - first + 1);
        }
        return peak;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** A number of its own per command, so that the request log tells the commands apart. */
    private static String recipient(int i) {
        return "+1777" + String.format("%07d", i);
    }
}
