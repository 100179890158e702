package dev.switchboard.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kafka client security settings in the environment, read the way Quarkus reads them for the services
 * ({@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}), so that a tool run beside them authenticates with the
 * same variables (README.md, "Configuration"). Only {@code security.protocol}, {@code sasl.*} and {@code ssl.*}: the
 * local stack's own {@code KAFKA_PORT} and the like are not client settings.
 */
final class KafkaClientSecurity {

    private KafkaClientSecurity() {
    }

    static Map<String, Object> from(Map<String, String> environment) {
        Map<String, Object> settings = new TreeMap<>();
        environment.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
            if (key.startsWith("kafka.") && !value.isBlank()) {
                String setting = key.substring("kafka.".length());
                if (setting.equals("security.protocol") || setting.startsWith("sasl.") || setting.startsWith("ssl.")) {
                    settings.put(setting, value);
                }
            }
        });
        return settings;
    }
}
