package dev.switchboard.bench.run;

import dev.switchboard.bench.drain.DrainLoad;
import dev.switchboard.bench.streams.BenchUsers;
import dev.switchboard.events.EventJson;
import java.nio.charset.StandardCharsets;
import dev.switchboard.stack.PostgresBinaries;
import dev.switchboard.stack.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * P2's baseline: pgbench writing the rows the persistence consumer writes for one new message — its {@code messages}
 * row and its {@code message_events} entry, both {@code ON CONFLICT DO NOTHING}, one event per transaction — into
 * copies of those tables (schema {@code bench_drain}, made afresh each run; the log entry carries a drained event's JSON), over as many connections as the
 * consumer uses (one: it writes one batch at a time).
 */
final class Pgbench {

    private static final String SETUP = """
            DROP SCHEMA IF EXISTS bench_drain CASCADE;
            CREATE SCHEMA bench_drain;
            CREATE TABLE bench_drain.messages (LIKE public.messages INCLUDING ALL);
            CREATE TABLE bench_drain.message_events (LIKE public.message_events INCLUDING ALL);
            CREATE SEQUENCE bench_drain.sid;
            CREATE TABLE bench_drain.sample (payload JSONB NOT NULL);
            """;
    /** One new message: the same columns the consumer's upsert fills, and its log entry with a stored event's payload. */
    private static final String TRANSACTION = """
            WITH s AS (SELECT 'SMpgbench' || nextval('bench_drain.sid') AS sid,
                              '+1888' || lpad((random() * 1e7)::int::text, 7, '0') AS sender),
            m AS (INSERT INTO bench_drain.messages (message_sid, account_sid, conversation_key, channel, from_number,
                      to_number, from_e164, to_e164, body, num_media, media_items, twilio_params, status, sent_at,
                      twilio_updated_at, last_event_id, media_status, added_at)
                  SELECT sid, 'AC00000000000000000000000000000000', sender || '|+15005550006', 'sms', sender,
                      '+15005550006', sender, '+15005550006', 'drained message', 0, '[]',
                      jsonb_build_object('MessageSid', sid), 'received', now(), now(), gen_random_uuid()::text,
                      'none', now() FROM s
                  ON CONFLICT (message_sid) DO NOTHING
                  RETURNING message_sid, last_event_id, conversation_key, from_number)
            INSERT INTO bench_drain.message_events (event_id, type, message_sid, conversation_key, from_number,
                to_number, from_e164, to_e164, payload)
            SELECT last_event_id, 'message.added', message_sid, conversation_key, from_number, '+15005550006',
                from_number, '+15005550006', (SELECT payload FROM bench_drain.sample) FROM m
            ON CONFLICT (event_id) DO NOTHING;
            """;

    private final BenchStack stack;
    private final LoadRunner load;

    Pgbench(BenchStack stack, LoadRunner load) {
        this.stack = stack;
        this.load = load;
    }

    /** Rows per second after a warm-up of {@code warmup} transactions. */
    double rowsPerSecond(int rows, int warmup) throws Exception {
        try (Connection db = BenchUsers.connect(stack.jdbcUrl()); Statement statement = db.createStatement()) {
            statement.execute(SETUP);
            try (PreparedStatement sample = db.prepareStatement("INSERT INTO bench_drain.sample VALUES (?::jsonb)")) {
                sample.setString(1, new String(EventJson.write(DrainLoad.newMessage(0)), StandardCharsets.UTF_8));
                sample.executeUpdate();
            }
        }
        Path script = Files.createTempFile("bench-drain", ".sql");
        try {
            Files.writeString(script, TRANSACTION);
            run(script, warmup);
            return run(script, rows);
        } finally {
            Files.delete(script);
        }
    }

    private double run(Path script, int transactions) throws Exception {
        List<String> output = load.output(List.of(PostgresBinaries.path("pgbench"), "-n", "-h", "127.0.0.1",
                "-p", Integer.toString(stack.postgresPort()), "-U", PostgresCluster.USER, "-c", "1", "-j", "1",
                "-t", Integer.toString(transactions), "-f", script.toString(), PostgresCluster.DATABASE));
        // "tps = 1234.567890 (without initial connection time)"
        return output.stream().filter(line -> line.startsWith("tps = ")).findFirst()
                .map(line -> Double.parseDouble(line.split(" ")[2]))
                .orElseThrow(() -> new IllegalStateException("pgbench printed no tps:\n" + String.join("\n", output)));
    }
}
