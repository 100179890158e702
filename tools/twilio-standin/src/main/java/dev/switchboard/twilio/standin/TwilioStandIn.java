package dev.switchboard.twilio.standin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A local server that answers Twilio's Messaging and Conversations REST APIs as Twilio's OpenAPI descriptions say,
 * records every request, checks each against those descriptions, and fails on demand (see README.md).
 */
public final class TwilioStandIn implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TwilioStandIn.class.getName());
    private static final int DEFAULT_PORT = 8099;
    /**
     * Requests answered at once. A scripted delay holds its thread for the whole delay, so this bounds the sends a
     * delayed stand-in takes per second: 64 threads at 100 ms are 640/s, above benchmark P7's target of 200/s for one
     * message-sender (16 were 160/s, below it). Idle threads cost only their stacks.
     */
    private static final int THREADS = 64;
    /** The JDK server's switch for TCP_NODELAY on the connections it accepts (off by default). */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final StatusCallbacks statusCallbacks;
    private final WebhookDeliveries webhooks;

    private TwilioStandIn(HttpServer server, ExecutorService executor, StatusCallbacks statusCallbacks,
                          WebhookDeliveries webhooks) {
        this.server = server;
        this.executor = executor;
        this.statusCallbacks = statusCallbacks;
        this.webhooks = webhooks;
    }

    /** Starts on 127.0.0.1 with settings from the environment; port 0 picks a free port. */
    public static TwilioStandIn start(int port) {
        return start(port, StandInSettings.fromEnvironment());
    }

    public static TwilioStandIn start(int port, StandInSettings settings) {
        return start(InetAddress.getLoopbackAddress(), port, settings);
    }

    /** Binds {@code address}: loopback everywhere but in a container, whose port is published instead. */
    public static TwilioStandIn start(InetAddress address, int port, StandInSettings settings) {
        try {
            // The JDK's server writes a response's headers and its body in two writes and leaves Nagle's algorithm on:
            // the body then waits for the client's delayed ACK of the headers, 40 ms on Linux, an answer time Twilio
            // does not have (every send took 100 ms + 40 ms in benchmark P7). Read once, when the first server starts.
            System.setProperty(NO_DELAY, "true");
            HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
            OpenApiDescription description = OpenApiDescription.bundled();
            WebhookDrops drops = new WebhookDrops();
            WebhookDeliveries webhooks = new WebhookDeliveries(settings, drops);
            RequestLog log = new RequestLog();
            ScriptedAnswers scripts = new ScriptedAnswers();
            MediaStore media = new MediaStore();
            MessagingStore messages = new MessagingStore(description);
            StatusCallbacks statusCallbacks = new StatusCallbacks(settings, messages, drops);
            ConversationStore conversations = new ConversationStore();
            ConversationScope scope = new ConversationScope(conversations, Sids.next("IS"), baseUrl);
            WebhookConfigurations webhookConfigurations = new WebhookConfigurations(description, baseUrl, settings);
            ConversationWebhooks conversationWebhooks = new ConversationWebhooks(webhookConfigurations, webhooks);
            ConversationMessagesApi conversationMessages = new ConversationMessagesApi(description, conversations,
                    scope, media, new ConversationSms(conversations, messages), conversationWebhooks);

            Routes control = new Routes();
            new ControlApi(log, scripts, media, messages, webhooks, drops).register(control);
            new DropsApi(drops).register(control);
            new InboundSms(conversations, scope, conversationMessages, messages, webhooks, settings, media, baseUrl)
                    .register(control);
            Routes twilio = new Routes();
            new MessagingApi(messages, statusCallbacks).register(twilio);
            MediaApi mediaApi = new MediaApi(description, media, messages, baseUrl);
            mediaApi.register(twilio);
            mediaApi.registerTemporaryLinks(control);
            new ConversationsApi(description, conversations, scope, Sids.next("MG"), conversationWebhooks).register(twilio);
            new ParticipantsApi(description, conversations, scope, conversationWebhooks).register(twilio);
            conversationMessages.register(twilio);
            webhookConfigurations.register(twilio);

            server.createContext("/", new StandInHandler(control, twilio, new OpenApiValidator(description), log,
                    scripts, new TwilioAuth(settings.authToken())));
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
            server.setExecutor(executor);
            server.start();
            return new TwilioStandIn(server, executor, statusCallbacks, webhooks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Twilio stand-in on port " + port, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        statusCallbacks.close();
        webhooks.close();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "twilio-standin-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs until killed: port from {@code TWILIO_STANDIN_PORT} (default 8099), address {@code TWILIO_STANDIN_HOST}. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("TWILIO_STANDIN_PORT", String.valueOf(DEFAULT_PORT)));
        InetAddress address = InetAddress.getByName(System.getenv().getOrDefault("TWILIO_STANDIN_HOST", "127.0.0.1"));
        TwilioStandIn standIn = start(address, port, StandInSettings.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        LOG.info(() -> "Twilio stand-in listening on " + standIn.baseUrl());
        Thread.currentThread().join();
    }
}
