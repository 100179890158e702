package dev.switchboard.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where and on which ports the local stack runs. Every value comes from an environment variable with a default, so
 * that {@code KAFKA_PORT=29092 ./switchboard up} just works. {@code KAFKA_BOOTSTRAP_SERVERS} or {@code DB_HOST} name
 * servers that already run: then the stack does not start its own. {@code SWITCHBOARD_TWILIO_STANDIN=false} sends the
 * services to the real Twilio instead of the local stand-in.
 *
 * @param serviceEnvironment settings given to every service over the launcher's environment (tests use it)
 */
public record StackSettings(Path projectRoot, Path stackDir, int kafkaPort, int kafkaControllerPort, int postgresPort,
        Optional<String> externalKafka, Optional<String> externalDatabaseHost, Map<String, Integer> servicePorts,
        Optional<Integer> twilioStandInPort, Map<String, String> serviceEnvironment) {

    /** The four services, in start order: conversation-manager first because it migrates the schema. */
    public static final Map<String, Integer> DEFAULT_SERVICE_PORTS = orderedPorts();

    public static StackSettings fromEnvironment(Path projectRoot) {
        Map<String, String> env = System.getenv();
        Map<String, Integer> servicePorts = new java.util.LinkedHashMap<>();
        DEFAULT_SERVICE_PORTS.forEach((service, port) -> servicePorts.put(service,
                intSetting(env, service.toUpperCase().replace('-', '_') + "_PORT", port)));
        return new StackSettings(projectRoot,
                projectRoot.resolve(env.getOrDefault("SWITCHBOARD_STACK_DIR", "target/local-stack")),
                intSetting(env, "KAFKA_PORT", 19092),
                intSetting(env, "KAFKA_CONTROLLER_PORT", 19093),
                intSetting(env, "PG_PORT", 15432),
                Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank()),
                Optional.ofNullable(env.get("DB_HOST")).filter(s -> !s.isBlank()),
                servicePorts,
                "false".equalsIgnoreCase(env.get("SWITCHBOARD_TWILIO_STANDIN")) ? Optional.empty()
                        : Optional.of(intSetting(env, "TWILIO_STANDIN_PORT", 8099)),
                Map.of());
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static Map<String, Integer> orderedPorts() {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("conversation-manager", 8082);
        ports.put("webhook-ingest", 8081);
        ports.put("message-sender", 8083);
        ports.put("realtime-gateway", 8084);
        return java.util.Collections.unmodifiableMap(ports);
    }
}
