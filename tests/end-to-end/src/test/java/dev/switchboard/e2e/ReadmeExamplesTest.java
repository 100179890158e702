package dev.switchboard.e2e;

import dev.switchboard.stack.ProjectLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.stack.DemoWorld;
import dev.switchboard.stack.LocalSettings;
import dev.switchboard.stack.StackSettings;
import dev.switchboard.testing.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's quickstart examples, run as written — read from README.md itself, through {@code bash -c} and the
 * {@code ./switchboard} launcher — against a suite started with the settings {@code ./switchboard up} uses and seeded
 * with its demo world, each checked for what the README promises through the public APIs. A README edit that breaks
 * an example fails here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeExamplesTest {

    /** How often a wait checks its condition. */
    private static final Duration POLL = Duration.ofMillis(250);

    /** The README's quickstart section: its fenced bash blocks hold the examples. */
    private static final String SECTION = "`./switchboard up` (against the local Twilio stand-in) also seeds a small"
            + " demo world";
    private static final List<String> EXAMPLE_PREFIXES = List.of("./switchboard simulate", "./switchboard token",
            "curl");
    /** One example of each: what this test runs and checks. */
    private static final List<String> EXPECTED = List.of("curl", "./switchboard simulate whatsapp",
            "./switchboard simulate status", "./switchboard simulate load");
    /** Where the README's curl example finds conversation-manager (./switchboard up's default port). */
    private static final String README_CONVERSATION_MANAGER = "http://127.0.0.1:8082";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Path ROOT = ProjectLayout.root();
    private static final Path STAMP = ROOT.resolve("target/switchboard-build.stamp");
    private static final DemoWorld.DemoUser ALICE = DemoWorld.user("alice").orElseThrow();

    private static List<String> examples;
    private static Optional<FileTime> stampBefore;
    private static Suite suite;
    private static DemoWorld demo;
    private static int commands;

    @BeforeAll
    static void startTheSuiteAsSwitchboardUpDoes() throws IOException {
        examples = readmeExamples(Files.readString(ROOT.resolve("README.md")));
        assertTrue(Files.isRegularFile(ProjectLayout.standInJar(ROOT)) && Files.isDirectory(
                ROOT.resolve("tools/switchboard-cli/target/lib")),
                "./switchboard runs the stand-in's jar and the command line's packaged jars: package the project first");
        // ./switchboard's build_if_needed runs `mvn install` when target/switchboard-build.stamp is missing or older
        // than any pom.xml or src/main file. Inside `mvn verify` the reactor has just built every module the launcher
        // runs (the jars and the command line's classes), so the build is current: mark it so, and never start a nested
        // Maven build (which would also install into ~/.m2). The stamp is put back as it was afterwards.
        stampBefore = Files.exists(STAMP) ? Optional.of(Files.getLastModifiedTime(STAMP)) : Optional.empty();
        Files.createDirectories(STAMP.getParent());
        if (stampBefore.isEmpty()) {
            Files.createFile(STAMP);
        }
        Files.setLastModifiedTime(STAMP, FileTime.from(Instant.now()));
        // What ./switchboard up gives every part: this checkout's local JWT secret (the one ./switchboard token signs
        // with) and fake Twilio credentials that only the stand-in takes, not the tests' settings.
        String localSecret = LocalSettings.localJwtSecret(StackSettings.fromEnvironment(ROOT).stackDir());
        Map<String, String> local = new HashMap<>(LocalSettings.DEFAULTS);
        local.put("SWITCHBOARD_JWT_SECRET", localSecret);
        suite = Suite.start("readme-examples", local);
        demo = new DemoWorld(suite.url("conversation-manager"), localSecret);
        demo.seed();
    }

    @AfterAll
    static void stopTheSuite() throws IOException {
        if (suite != null) {
            suite.close();
        }
        if (stampBefore != null) {
            if (stampBefore.isPresent()) {
                Files.setLastModifiedTime(STAMP, stampBefore.get());
            } else {
                Files.deleteIfExists(STAMP);
            }
        }
    }

    /** Every example of the section is one this test runs, and none is missing: a dropped or new one is noticed. */
    @Test
    @Order(0)
    void theReadmeHasExactlyTheExamplesThisTestRuns() {
        assertTrue(examples.size() >= EXPECTED.size(), "expected at least " + EXPECTED.size()
                + " examples in README.md's quickstart, found " + examples);
        List<String> kinds = examples.stream().map(line -> EXPECTED.stream().filter(line::startsWith).findFirst()
                .orElse(line)).toList();
        assertEquals(EXPECTED, kinds, "README.md's quickstart examples, in order: " + examples);
    }

    /** The curl example, with a token from ./switchboard token, reads alice's conversations: the demo gig among them. */
    @Test
    @Order(1)
    void curlWithAlicesTokenListsTheDemoGigConversation() throws Exception {
        String line = example("curl");
        assertTrue(line.contains(README_CONVERSATION_MANAGER), "the curl example calls " + README_CONVERSATION_MANAGER
                + ": " + line);
        Run curl = run(line.replace(README_CONVERSATION_MANAGER, suite.url("conversation-manager")));
        JsonNode answer = Suite.JSON.readTree(curl.out());
        boolean gig = false;
        for (JsonNode conversation : answer.path("conversations")) {
            gig |= "gig".equals(conversation.path("kind").asText())
                    && DemoWorld.GIG.equals(conversation.path("gig_id").asText());
        }
        assertTrue(gig, "alice's conversations name the demo gig: " + curl);
    }

    /**
     * Alice's photo, delivered three times as Twilio's retries do: stored once with its photo, her demo task completed,
     * and one reply sent to her through the Twilio stand-in.
     */
    @Test
    @Order(2)
    void alicesPhotoDeliveredThreeTimesIsStoredOnceCompletesHerTaskAndIsAnswered() throws Exception {
        String line = example("./switchboard simulate whatsapp");
        assertTrue(line.contains(ALICE.phone()), "the example is alice's photo: " + line);
        Run whatsapp = run(line);
        assertEquals(3, count(whatsapp.out(), "/webhooks/twilio/messaging MM[0-9a-f]{32} -> 200"),
                "three deliveries of one message, each accepted: " + whatsapp);

        String manager = suite.url("conversation-manager");
        String from = "whatsapp:" + ALICE.phone();
        String messages = manager + "/messages?limit=100&from_number=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
        Waits.waitFor("alice's photo stored", PATIENCE, POLL).ignoreExceptions()
                .until(() -> {
                    JsonNode stored = suite.json("GET", messages, demo.serviceToken(), null, 200);
                    return stored.size() == 1 && "stored".equals(stored.get(0).path("media_status").asText());
                });
        JsonNode stored = suite.json("GET", messages, demo.serviceToken(), null, 200);
        assertEquals(1, stored.size(), "stored once: " + stored + "\n" + whatsapp);
        String sid = stored.get(0).path("message_sid").asText();
        assertTrue(whatsapp.out().contains(sid), "the simulator's message: " + stored + "\n" + whatsapp);
        HttpResponse<byte[]> photo = suite.call("GET", manager + "/messages/" + sid + "/media/0", demo.serviceToken(),
                null);
        assertEquals(200, photo.statusCode(), new String(photo.body(), StandardCharsets.UTF_8));
        assertTrue(photo.headers().firstValue("Content-Type").orElse("").startsWith("image/jpeg"),
                photo.headers().toString());

        Waits.waitFor("alice's task completed", PATIENCE, POLL).ignoreExceptions()
                .until(() -> suite.json("GET", manager + "/me/tasks?status=completed", demo.token(ALICE), null, 200)
                        .size() == 1);
        assertEquals(0, suite.json("GET", manager + "/me/tasks?status=active", demo.token(ALICE), null, 200).size());

        String replies = suite.standIn() + "/_standin/messages?to=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
        Waits.waitFor("the reply to alice", PATIENCE, POLL).ignoreExceptions()
                .until(() -> suite.json("GET", replies, null, null, 200).size() >= 1);
        JsonNode sent = suite.json("GET", replies, null, null, 200);
        assertEquals(1, sent.size(), "one reply, however often the photo was delivered: " + sent);
    }

    /**
     * Status callbacks for one message, shuffled: each accepted, and the stored status is delivered whatever the order.
     * SM123 is no message Switchboard sent, so its callbacks only make a placeholder row, which the history APIs never
     * show (it waits for its message.added): the row itself is read.
     */
    @Test
    @Order(3)
    void shuffledStatusCallbacksAreAcceptedAndTheLatestStatusWins() throws Exception {
        String line = example("./switchboard simulate status");
        Matcher sid = Pattern.compile("--sid (SM[0-9A-Za-z]+)").matcher(line);
        assertTrue(sid.find(), line);
        Run status = run(line);
        assertEquals(3, count(status.out(), "/webhooks/twilio/status " + sid.group(1) + " -> 200"),
                "queued, sent and delivered, each accepted: " + status);
        String stored = "SELECT count(*) FROM messages WHERE message_sid = '" + sid.group(1)
                + "' AND status = 'delivered'";
        Waits.waitFor(sid.group(1) + " stored as delivered", PATIENCE, POLL).ignoreExceptions()
                .until(() -> suite.queryLong(stored) == 1);
    }

    /** The open-loop load sends at the rate asked, every webhook answered, and Switchboard stores every message. */
    @Test
    @Order(4)
    void openLoopLoadIsSentAtItsRateAndEveryMessageIsStored() throws Exception {
        String line = example("./switchboard simulate load");
        Matcher asked = Pattern.compile("--rate (\\d+) --seconds (\\d+)").matcher(line);
        assertTrue(asked.find(), line);
        int rate = Integer.parseInt(asked.group(1));
        int seconds = Integer.parseInt(asked.group(2));
        // The load's senders are +1555 and the message's index in seven digits: +1555000xxxx for any README load.
        String storedFromLoad = "SELECT count(*) FROM messages WHERE channel = 'sms' AND from_number LIKE '+1555000%'";
        long before = suite.queryLong(storedFromLoad);

        Run load = run(line);
        Matcher report = Pattern.compile("sent (\\d+) webhooks at (\\d+)/s for (\\d+) s; answers \\{200=(\\d+)}")
                .matcher(load.out());
        assertTrue(report.find(), "the load reports its rate and answers: " + load);
        int sent = Integer.parseInt(report.group(1));
        assertEquals(rate * seconds, sent, load.toString());
        assertEquals(rate, Integer.parseInt(report.group(2)), load.toString());
        assertEquals(sent, Integer.parseInt(report.group(4)), "every webhook answered 200: " + load);
        Waits.waitFor(sent + " load messages stored", Duration.ofMinutes(3), POLL).ignoreExceptions()
                .until(() -> suite.queryLong(storedFromLoad) - before == sent);
    }

    /**
     * The command lines of the fenced {@code bash} blocks of the quickstart section (up to the next heading) that
     * start with an example prefix, comments after {@code #} stripped.
     */
    static List<String> readmeExamples(String readme) {
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md no longer has the section starting with: " + SECTION);
        List<String> found = new ArrayList<>();
        boolean inBash = false;
        for (String line : readme.substring(start).split("\n", -1)) {
            String text = line.strip();
            if (!inBash && text.startsWith("#")) {
                break;
            }
            if (text.startsWith("```")) {
                inBash = !inBash && text.equals("```bash");
                continue;
            }
            String command = text.replaceFirst("\\s+#.*$", "").strip();
            if (inBash && EXAMPLE_PREFIXES.stream().anyMatch(command::startsWith)) {
                found.add(command);
            }
        }
        return found;
    }

    private static String example(String prefix) {
        return examples.stream().filter(line -> line.startsWith(prefix)).findFirst()
                .orElseGet(() -> fail("README.md's quickstart has no '" + prefix + "' example: " + examples));
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private record Run(String command, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "$ " + command + "\n(exit " + exitCode + ")\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * Runs one line as a shell would from the project root, in a shell that has none of the suite's secrets — the
     * launcher's own defaults are the local ones — and the suite's ports in the variables the launcher reads.
     * Fails unless it exits 0; a nested build (MVN=false) fails it too.
     */
    private static Run run(String line) throws Exception {
        Path logs = ROOT.resolve("tests/end-to-end/target/readme-examples/commands");
        Files.createDirectories(logs);
        int n = ++commands;
        Path out = logs.resolve(n + ".out");
        Path err = logs.resolve(n + ".err");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", line).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        LocalSettings.DEFAULTS.keySet().forEach(env::remove);
        List.of("SWITCHBOARD_JWT_SECRET", "SWITCHBOARD_STACK_DIR", "SWITCHBOARD_PUBLIC_URL", "TWILIO_API_BASE_URL",
                "SWITCHBOARD_TWILIO_STANDIN").forEach(env::remove);
        env.put("MVN", "false");
        env.put("TWILIO_STANDIN_PORT", Integer.toString(URI.create(suite.standIn()).getPort()));
        for (String service : List.of("webhook-ingest", "conversation-manager", "message-sender", "realtime-gateway")) {
            env.put(service.toUpperCase().replace('-', '_') + "_PORT",
                    Integer.toString(URI.create(suite.url(service)).getPort()));
        }
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s: " + new Run(line, -1,
                    Files.readString(out), Files.readString(err)));
        }
        Run run = new Run(line, process.exitValue(), Files.readString(out), Files.readString(err));
        System.out.println(run);
        assertFalse(run.out().contains("building Switchboard"), "a nested build was started: " + run);
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }
}
