package dev.switchboard.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics that do not exist yet; run by {@link KafkaBroker} in a JVM with the broker's jars, which hold the
 * Kafka client. {@code TopicCreator <bootstrap> <partitions> <topic>...}
 */
public final class TopicCreator {

    private TopicCreator() {
    }

    public static void main(String[] args) throws InterruptedException {
        int partitions = Integer.parseInt(args[1]);
        List<NewTopic> topics = Arrays.stream(args, 2, args.length)
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        }
    }
}
