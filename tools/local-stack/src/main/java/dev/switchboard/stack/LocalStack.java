package dev.switchboard.stack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kafka, PostgreSQL and the four services, started and stopped in dependency order. */
public final class LocalStack {

    private final StackSettings settings;
    private final Optional<KafkaBroker> kafka;
    private final Optional<PostgresCluster> postgres;
    private final List<ServiceProcess> services;
    private final Optional<ServiceProcess> twilioStandIn;

    public LocalStack(StackSettings settings) {
        this(settings, Optional.empty());
    }

    /** @param relayedKafka a second broker listener, for services sent to Kafka through a relay (network fault tests) */
    public LocalStack(StackSettings settings, Optional<KafkaBroker.RelayedListener> relayedKafka) {
        this.settings = settings;
        this.kafka = settings.externalKafka().isPresent() ? Optional.empty()
                : Optional.of(new KafkaBroker(settings.stackDir().resolve("kafka"), settings.kafkaPort(),
                        settings.kafkaControllerPort(), relayedKafka));
        this.postgres = settings.externalDatabaseHost().isPresent() ? Optional.empty()
                : Optional.of(new PostgresCluster(settings.stackDir().resolve("postgres"),
                        settings.stackDir().resolve("postgres.log"), settings.postgresPort(), true));
        this.services = settings.servicePorts().entrySet().stream()
                .map(e -> ServiceProcess.quarkusService(e.getKey(), settings.projectRoot(), e.getValue(),
                        settings.stackDir()))
                .toList();
        this.twilioStandIn = settings.twilioStandInPort()
                .map(port -> ServiceProcess.twilioStandIn(settings.projectRoot(), port, settings.stackDir()));
    }

    public StackSettings settings() {
        return settings;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    /** The local Twilio stand-in, when this stack plays Twilio with it. */
    public Optional<ServiceProcess> twilioStandIn() {
        return twilioStandIn;
    }

    /** The broker this stack started, for tests that stop and start it on purpose. */
    public KafkaBroker kafka() {
        return kafka.orElseThrow(() -> new IllegalStateException("Kafka is external"));
    }

    /** The PostgreSQL cluster this stack started, for tests that stop and start it on purpose. */
    public PostgresCluster postgres() {
        return postgres.orElseThrow(() -> new IllegalStateException("PostgreSQL is external"));
    }

    public String kafkaBootstrapServers() {
        return settings.externalKafka().orElseGet(() -> kafka.orElseThrow().bootstrapServers());
    }

    public void startInfrastructure() {
        postgres.ifPresent(PostgresCluster::start);
        kafka.ifPresent(KafkaBroker::start);
        twilioStandIn.ifPresent(standIn -> {
            Map<String, String> forced = new HashMap<>(settings.serviceEnvironment());
            forced.put("TWILIO_STANDIN_PORT", Integer.toString(standIn.port()));
            standIn.start(LocalSettings.environment(standInWebhookUrls(), forced));
            standIn.awaitReady(java.time.Duration.ofSeconds(60));
        });
    }

    public void startServices(Duration readinessTimeout) {
        for (ServiceProcess service : services) {
            start(service);
            // The schema owner must have migrated before the others read tables.
            if (service.name().equals("conversation-manager")) {
                service.awaitReady(readinessTimeout);
            }
        }
        services.forEach(service -> service.awaitReady(readinessTimeout));
    }

    /** Starts one service again (after {@link ServiceProcess#kill()}, say) and waits until it is ready. */
    public void restart(String name, Duration readinessTimeout) {
        ServiceProcess service = service(name);
        service.stop();
        start(service);
        service.awaitReady(readinessTimeout);
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    private void start(ServiceProcess service) {
        Map<String, String> env = serviceEnvironment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        service.start(env);
    }

    public void stop() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        twilioStandIn.ifPresent(ServiceProcess::stop);
        kafka.ifPresent(KafkaBroker::stop);
        postgres.ifPresent(PostgresCluster::stop);
    }

    /** Stops everything and deletes the data of the Kafka broker and PostgreSQL cluster this stack started. */
    public void destroy() {
        stop();
        kafka.ifPresent(KafkaBroker::delete);
        postgres.ifPresent(PostgresCluster::delete);
    }

    /** Whether this stack plays Twilio with the local stand-in (so nothing real is ever texted). */
    public boolean usesTwilioStandIn() {
        return twilioStandIn.isPresent();
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("  %-22s %s%n", "kafka", kafkaBootstrapServers()));
        out.append(String.format("  %-22s %s%n", "postgresql", postgres.map(PostgresCluster::reactiveUrl)
                .orElse("external (DB_HOST=" + settings.externalDatabaseHost().orElse("") + ")")));
        twilioStandIn.ifPresent(standIn -> out.append(String.format("  %-22s %s%n", "twilio stand-in", standIn.url())));
        for (ServiceProcess service : services) {
            String state = service.isReady() ? "ready" : service.isRunning() ? "starting" : "stopped";
            out.append(String.format("  %-22s %-24s %s   log: %s%n", service.name(), service.url(), state,
                    settings.projectRoot().relativize(service.log())));
        }
        return out.toString();
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        postgres.ifPresent(pg -> {
            env.put("DB_HOST", "127.0.0.1");
            env.put("DB_PORT", Integer.toString(pg.port()));
        });
        twilioStandIn.ifPresent(standIn -> {
            env.put("TWILIO_API_BASE_URL", standIn.url());
            // The services refuse a stand-in outside the local profile (service-support TwilioCredentials).
            env.put("QUARKUS_PROFILE", "prod,local");
        });
        env.putAll(settings.serviceEnvironment());
        Map<String, String> defaults = new HashMap<>(webhookUrls());
        if (!env.containsKey("SWITCHBOARD_JWT_SECRET")) {
            defaults.put("SWITCHBOARD_JWT_SECRET", LocalSettings.jwtSecret(settings.stackDir()));
        }
        boolean demo = twilioStandIn.isPresent() && servicesNamed("realtime-gateway", "conversation-manager",
                "message-sender");
        if (demo) {
            defaults.putAll(demoPage());
        }
        Map<String, String> merged = LocalSettings.environment(defaults, env);
        if (demo) {
            merged.putIfAbsent("DEMO_SESSIONS", DemoWorld.sessions(merged.get("SWITCHBOARD_JWT_SECRET")));
        }
        return merged;
    }

    private boolean servicesNamed(String... names) {
        return List.of(names).stream().allMatch(name -> services.stream().anyMatch(s -> s.name().equals(name)));
    }

    /**
     * The demo page (the gateway's {@code /}) calls conversation-manager and message-sender from the browser: they
     * allow its origin, and the page is told where they are. Only beside the stand-in, as the demo world.
     */
    private Map<String, String> demoPage() {
        String gateway = service("realtime-gateway").url();
        return Map.of("SWITCHBOARD_CORS_ORIGINS", gateway + "," + gateway.replace("127.0.0.1", "localhost"),
                "DEMO_CONVERSATION_MANAGER_URL", service("conversation-manager").url(),
                "DEMO_MESSAGE_SENDER_URL", service("message-sender").url());
    }

    /**
     * Where the stand-in sends Conversations post-event webhooks and inbound SMS that no conversation takes:
     * webhook-ingest, unless the environment says otherwise.
     */
    private Map<String, String> standInWebhookUrls() {
        return services.stream().filter(service -> service.name().equals("webhook-ingest")).findFirst()
                .map(ingest -> Map.of(
                        "TWILIO_STANDIN_CONVERSATIONS_WEBHOOK_URL", ingest.url() + "/webhooks/twilio/conversations",
                        "TWILIO_STANDIN_MESSAGING_WEBHOOK_URL", ingest.url() + "/webhooks/twilio/messaging"))
                .orElse(Map.of());
    }

    /** Where Twilio (or the stand-in) reaches webhook-ingest: follows its port unless the environment says otherwise. */
    private Map<String, String> webhookUrls() {
        String ingest = service("webhook-ingest").url();
        return Map.of("SWITCHBOARD_PUBLIC_URL", ingest,
                "SWITCHBOARD_STATUS_CALLBACK_URL", ingest + "/webhooks/twilio/status");
    }
}
