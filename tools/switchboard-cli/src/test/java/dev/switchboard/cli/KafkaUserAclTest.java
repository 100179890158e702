package dev.switchboard.cli;

import dev.switchboard.stack.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The services' Kafka identities of k8s/base/kafka-users.yaml on a real broker that authenticates (SCRAM-SHA-512) and
 * authorizes (StandardAuthorizer) as production's Strimzi cluster does: the users and ACLs are created from that file,
 * each service connects with the client settings its Deployment gives it, and what the ACLs leave out is refused.
 */
class KafkaUserAclTest {

    private static final Path USERS = ProjectLayout.root().resolve("k8s/base/kafka-users.yaml");
    private static final String SEND_COMMANDS = "outbound-messages";

    @TempDir
    static Path dir;
    private static KafkaBroker broker;
    private static int scramPort;
    private static final Map<String, List<AclBinding>> ACLS = new TreeMap<>();
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    @BeforeAll
    static void startBrokerWithTheUsersOfTheManifests() throws Exception {
        scramPort = freePort();
        broker = new KafkaBroker(dir, freePort(), freePort()).withScramListener(scramPort);
        broker.start();
        readUsers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<UserScramCredentialUpsertion> credentials = new ArrayList<>();
            ACLS.keySet().forEach(user -> {
                PASSWORDS.put(user, UUID.randomUUID().toString());
                credentials.add(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORDS.get(user)));
            });
            admin.alterUserScramCredentials(new ArrayList<>(credentials)).all().get();
            admin.createAcls(ACLS.values().stream().flatMap(List::stream).toList()).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.delete();
        }
    }

    @Test
    void theManifestsDeclareAUserForEveryService() {
        assertEquals(Set.of("webhook-ingest", "conversation-manager", "message-sender", "realtime-gateway"),
                ACLS.keySet());
    }

    @Test
    void everyServiceProducesIdempotentlyToEveryTopicItsUserMayWrite() throws Exception {
        int sent = 0;
        for (var user : ACLS.entrySet()) {
            try (KafkaProducer<String, String> producer = producer(user.getKey())) {
                for (String topic : resources(user.getValue(), ResourceType.TOPIC, AclOperation.WRITE)) {
                    producer.send(new ProducerRecord<>(topic, "k", user.getKey())).get();
                    sent++;
                }
            }
        }
        assertEquals(7, sent, "writes granted across the four users");
    }

    @Test
    void everyServiceConsumesEveryTopicItsUserMayReadInEachOfItsGroups() throws Exception {
        int consumed = 0;
        for (var user : ACLS.entrySet()) {
            for (String topic : resources(user.getValue(), ResourceType.TOPIC, AclOperation.READ)) {
                publishAsAdmin(topic);
                for (AclBinding group : groups(user.getValue())) {
                    String groupId = group.pattern().patternType() == PatternType.PREFIXED
                            ? group.pattern().name() + UUID.randomUUID() : group.pattern().name();
                    try (KafkaConsumer<String, String> consumer = consumer(user.getKey(), groupId)) {
                        consumer.subscribe(List.of(topic));
                        assertFalse(pollUntilRecords(consumer).isEmpty(), user.getKey() + " reads " + topic);
                        consumer.commitSync();
                        consumed++;
                    }
                }
            }
        }
        assertEquals(9, consumed, "(topic, group) pairs granted across the four users");
    }

    @Test
    void onlyConversationManagerMayWriteSendCommands() throws Exception {
        for (String user : ACLS.keySet()) {
            try (KafkaProducer<String, String> producer = producer(user)) {
                var sending = producer.send(new ProducerRecord<>(SEND_COMMANDS, "k", "send an SMS"));
                if (user.equals("conversation-manager")) {
                    sending.get();
                } else {
                    ExecutionException refused = assertThrows(ExecutionException.class, sending::get, user);
                    assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), user);
                }
            }
        }
    }

    @Test
    void onlyMessageSenderMayReadSendCommands() {
        for (var user : ACLS.entrySet()) {
            if (user.getKey().equals("message-sender")) {
                continue;
            }
            String ownGroup = groups(user.getValue()).stream().findFirst()
                    .map(group -> group.pattern().name() + (group.pattern().patternType() == PatternType.PREFIXED
                            ? UUID.randomUUID() : ""))
                    .orElse("no-group-of-" + user.getKey());
            try (KafkaConsumer<String, String> consumer = consumer(user.getKey(), ownGroup)) {
                consumer.subscribe(List.of(SEND_COMMANDS));
                assertThrows(TopicAuthorizationException.class, () -> pollUntilRecords(consumer), user.getKey());
            }
        }
    }

    @Test
    void aServiceCannotConsumeInAnotherServicesGroup() {
        try (KafkaConsumer<String, String> consumer = consumer("message-sender", "persistence")) {
            consumer.subscribe(List.of("twilio.message-events"));
            assertThrows(GroupAuthorizationException.class, () -> pollUntilRecords(consumer));
        }
    }

    @Test
    void deadLetterReplayAuthenticatesWithTheServicesVariablesAsAUserMadeForTheOccasion() throws Exception {
        String replayUser = "dlq-replay-" + UUID.randomUUID();
        String password = UUID.randomUUID().toString();
        String letter = "dead letter " + UUID.randomUUID();
        ResourcePattern deadLetters = new ResourcePattern(ResourceType.TOPIC, "twilio.message-events.dlq",
                PatternType.LITERAL);
        ResourcePattern source = new ResourcePattern(ResourceType.TOPIC, "twilio.message-events", PatternType.LITERAL);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(replayUser,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
            admin.createAcls(List.of(allow(replayUser, deadLetters, AclOperation.READ),
                    allow(replayUser, deadLetters, AclOperation.DESCRIBE), allow(replayUser, source, AclOperation.WRITE),
                    allow(replayUser, source, AclOperation.DESCRIBE))).all().get();
            producer.send(new ProducerRecord<>("twilio.message-events.dlq", letter, letter)).get();
        }
        Map<String, String> environment = Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + replayUser + "\" password=\"" + password + "\";",
                "KAFKA_PORT", "19092");

        int replayed = new DeadLetterReplay("127.0.0.1:" + scramPort, KafkaClientSecurity.from(environment))
                .replay(DeadLetterReplay.Request.parse(List.of("--topic", "twilio.message-events.dlq",
                        "--to", "twilio.message-events")));

        assertTrue(replayed >= 1, "replayed " + replayed);
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            reader.subscribe(List.of("twilio.message-events"));
            boolean found = false;
            Instant deadline = Instant.now().plusSeconds(30);
            while (!found && Instant.now().isBefore(deadline)) {
                for (var record : reader.poll(Duration.ofMillis(500))) {
                    found |= letter.equals(record.value());
                }
            }
            assertTrue(found, "the dead letter is back on twilio.message-events");
        }
    }

    private static AclBinding allow(String user, ResourcePattern pattern, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    /** As the Deployments configure them: README.md "Kafka on Kubernetes", over SASL_PLAINTEXT here (no TLS). */
    private static Map<String, Object> clientSettings(String user) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + scramPort,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                // The line Strimzi writes to the KafkaUser's Secret, key sasl.jaas.config.
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + user + "\" password=\"" + PASSWORDS.get(user) + "\";");
    }

    private static KafkaProducer<String, String> producer(String user) {
        Map<String, Object> config = new HashMap<>(clientSettings(user));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String group) {
        Map<String, Object> config = new HashMap<>(clientSettings(user));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static ConsumerRecords<String, String> pollUntilRecords(KafkaConsumer<String, String> consumer) {
        Instant deadline = Instant.now().plusSeconds(30);
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        while (records.isEmpty() && Instant.now().isBefore(deadline)) {
            records = consumer.poll(Duration.ofMillis(500));
        }
        return records;
    }

    private static void publishAsAdmin(String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }
    }

    private static List<String> resources(List<AclBinding> acls, ResourceType type, AclOperation operation) {
        return acls.stream()
                .filter(acl -> acl.pattern().resourceType() == type && acl.entry().operation() == operation)
                .map(acl -> acl.pattern().name())
                .toList();
    }

    private static List<AclBinding> groups(List<AclBinding> acls) {
        return acls.stream().filter(acl -> acl.pattern().resourceType() == ResourceType.GROUP).toList();
    }

    /** Each KafkaUser's ACLs as the Strimzi User Operator would create them: principal User:<name>, any host. */
    @SuppressWarnings("unchecked")
    private static void readUsers() throws IOException {
        try (Reader in = Files.newBufferedReader(USERS)) {
            for (Object document : new Yaml().loadAll(in)) {
                Map<String, Object> user = (Map<String, Object>) document;
                String name = (String) ((Map<String, Object>) user.get("metadata")).get("name");
                Map<String, Object> spec = (Map<String, Object>) user.get("spec");
                assertEquals("scram-sha-512", ((Map<String, Object>) spec.get("authentication")).get("type"));
                List<AclBinding> bindings = new ArrayList<>();
                for (var acl : (List<Map<String, Object>>) ((Map<String, Object>) spec.get("authorization")).get("acls")) {
                    Map<String, String> resource = (Map<String, String>) acl.get("resource");
                    ResourcePattern pattern = new ResourcePattern(ResourceType.valueOf(
                            resource.get("type").toUpperCase(Locale.ROOT)), resource.get("name"),
                            resource.get("patternType").equals("prefix") ? PatternType.PREFIXED
                                    : PatternType.valueOf(resource.get("patternType").toUpperCase(Locale.ROOT)));
                    for (String operation : (List<String>) acl.get("operations")) {
                        bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + name, "*",
                                AclOperation.valueOf(operation.toUpperCase(Locale.ROOT)), AclPermissionType.ALLOW)));
                    }
                }
                assertTrue(!bindings.isEmpty(), name);
                ACLS.put(name, bindings);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
