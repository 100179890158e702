"""Checks a rendered kustomize overlay for what Switchboard's operators rely on, each service's Kafka identity and ACLs
included (derived from the services' sources); exits non-zero with the reasons."""
import re
import sys
from pathlib import Path

import yaml

SERVICES = {"webhook-ingest", "conversation-manager", "message-sender", "realtime-gateway"}
ROOT = Path(__file__).resolve().parent.parent
PRODUCE = frozenset({"Write", "Describe"})
CONSUME = frozenset({"Read", "Describe"})
GROUP = frozenset({"Read"})
# The credentials each Deployment reads from its own KafkaUser's Secret, and the cluster CA the TLS listener needs.
JAAS = "KAFKA_SASL_JAAS_CONFIG"
CLUSTER_CA_SECRET = "switchboard-cluster-ca-cert"


def properties(path):
    """The unprofiled (production) keys of a .properties file; continuation lines joined."""
    values = {}
    logical = ""
    for line in path.read_text().splitlines():
        line = line.strip()
        if not logical and (not line or line.startswith(("#", "!"))):
            continue
        if line.endswith("\\"):
            logical += line[:-1]
            continue
        logical += line
        key, _, value = logical.partition("=")
        logical = ""
        if not key.strip().startswith("%"):
            values[key.strip()] = value.strip()
    return values


def topic_constants():
    """event-contract's Topics constants, by name (a constant may extend another: MESSAGE_EVENTS + ".dlq")."""
    source = (ROOT / "libraries/event-contract/src/main/java/dev/switchboard/events/Topics.java").read_text()
    constants = {}
    for name, expression in re.findall(r"static final String (\w+) = ([^;]+);", source):
        constants[name] = "".join(constants[part] if part in constants else part.strip('"')
                                  for part in (p.strip() for p in expression.split("+")))
    return constants


def expected_acls(service):
    """(resource type, name, pattern type) -> operations, derived from the service's application.properties (its
    channels' topics, consumer groups and dead-letter topics) and the topics its outbox rows name in code."""
    config = properties(ROOT / service / "src/main/resources/application.properties")
    acls = {}

    def grant(kind, name, operations):
        pattern = "literal"
        if "${" in name:  # a group per replica (realtime-gateway-${quarkus.uuid}): the constant prefix
            name, pattern = name[:name.index("${")], "prefix"
        key = (kind, name, pattern)
        acls[key] = acls.get(key, frozenset()) | operations

    channels = {(m.group(1), m.group(2)) for key in config
                if (m := re.match(r"mp\.messaging\.(incoming|outgoing)\.([^.]+)\.connector$", key))
                and config[key] == "smallrye-kafka"}
    for direction, channel in sorted(channels):
        prefix = f"mp.messaging.{direction}.{channel}."
        topic = config.get(prefix + "topic", channel)
        if direction == "outgoing":
            grant("topic", topic, PRODUCE)
            continue
        grant("topic", topic, CONSUME)
        # without group.id SmallRye picks a random group: only a wildcard ACL would let it in, which fails below
        grant("group", config.get(prefix + "group.id", "*"), GROUP)
        if config.get(prefix + "failure-strategy") == "dead-letter-queue":
            grant("topic", config.get(prefix + "dead-letter-queue.topic", f"dead-letter-topic-{topic}"), PRODUCE)
    constants = topic_constants()
    for java in (ROOT / service / "src/main/java").rglob("*.java"):
        source = java.read_text()
        named = re.findall(r"Outbox\.add\(\s*\w+\s*,\s*Topics\.(\w+)", source)
        if len(named) != len(re.findall(r"Outbox\.add\(", source)):
            sys.exit(f"{java}: an Outbox.add whose topic is not a Topics constant; the ACL check cannot know it")
        for constant in named:
            grant("topic", constants[constant], PRODUCE)
    return acls


def declared_acls(user):
    acls = {}
    for acl in user["spec"].get("authorization", {}).get("acls", []):
        resource = acl["resource"]
        key = (resource["type"], resource.get("name", "*"), resource.get("patternType", "literal"))
        operations = acl.get("operations") or [acl.get("operation")]
        acls[key] = acls.get(key, frozenset()) | frozenset(operations)
    return acls


def kafka_user_problems(name, user):
    found = []
    if user.get("metadata", {}).get("labels", {}).get("strimzi.io/cluster") != "switchboard":
        found.append(f"KafkaUser {name}: not labelled strimzi.io/cluster: switchboard")
    if user["spec"].get("authentication", {}).get("type") not in ("scram-sha-512", "tls"):
        found.append(f"KafkaUser {name}: no authentication (scram-sha-512 or tls)")
    if user["spec"].get("authorization", {}).get("type") != "simple":
        found.append(f"KafkaUser {name}: no simple authorization (ACLs)")
    expected, declared = expected_acls(name), declared_acls(user)
    for key in sorted(set(expected) | set(declared)):
        kind, resource, pattern = key
        if resource in ("*", "") or (kind == "topic" and pattern != "literal"):
            found.append(f"KafkaUser {name}: {kind} {resource!r} ({pattern}) reaches resources it does not use")
        missing = expected.get(key, frozenset()) - declared.get(key, frozenset())
        extra = declared.get(key, frozenset()) - expected.get(key, frozenset())
        if missing:
            found.append(f"KafkaUser {name}: {sorted(missing)} on {kind} {resource} ({pattern}) missing; "
                         f"{name}/src/main/resources/application.properties uses it")
        if extra:
            found.append(f"KafkaUser {name}: {sorted(extra)} on {kind} {resource} ({pattern}) granted; "
                         f"{name} does not use it")
    return found


def kafka_client_problems(name, pod, config_maps):
    """The Deployment authenticates as its own KafkaUser, over the listener the users are declared for."""
    found = []
    for container in pod["containers"]:
        env = {}
        for source in container.get("envFrom", []):
            env.update(config_maps.get(source.get("configMapRef", {}).get("name"), {}))
        env.update({var["name"]: var for var in container.get("env", [])})
        jaas = env.get(JAAS)
        ref = jaas.get("valueFrom", {}).get("secretKeyRef", {}) if isinstance(jaas, dict) else {}
        if (ref.get("name"), ref.get("key")) != (name, "sasl.jaas.config"):
            found.append(f"{name}: {JAAS} does not come from the Secret of KafkaUser {name} (key sasl.jaas.config)")
        plain = {key: value.get("value") if isinstance(value, dict) else value for key, value in env.items()}
        if plain.get("KAFKA_SECURITY_PROTOCOL") != "SASL_SSL" or plain.get("KAFKA_SASL_MECHANISM") != "SCRAM-SHA-512":
            found.append(f"{name}: Kafka clients are not on SASL_SSL with SCRAM-SHA-512")
        truststore = plain.get("KAFKA_SSL_TRUSTSTORE_LOCATION") or ""
        volumes = {volume["name"]: volume for volume in pod.get("volumes", [])}
        if not any(truststore.startswith(mount["mountPath"].rstrip("/") + "/")
                   and volumes.get(mount["name"], {}).get("secret", {}).get("secretName") == CLUSTER_CA_SECRET
                   for mount in container.get("volumeMounts", [])):
            found.append(f"{name}: KAFKA_SSL_TRUSTSTORE_LOCATION is not in a mount of {CLUSTER_CA_SECRET}")
    return found


def problems(objects):
    found = []
    by_kind = {}
    for obj in objects:
        for field in ("apiVersion", "kind", "metadata"):
            if field not in obj:
                found.append(f"object without {field}: {obj}")
        by_kind.setdefault(obj["kind"], {})[obj["metadata"]["name"]] = obj
    for kind in ("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"):
        missing = SERVICES - set(by_kind.get(kind, {}))
        if missing:
            found.append(f"{kind} missing for {sorted(missing)}")
    for name, deployment in by_kind.get("Deployment", {}).items():
        pod = deployment["spec"]["template"]["spec"]
        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            found.append(f"{name}: pod may run as root")
        if pod.get("terminationGracePeriodSeconds", 30) < 30:
            found.append(f"{name}: grace period too short to drain")
        for container in pod["containers"]:
            for probe, path in (("startupProbe", "/q/health/started"), ("readinessProbe", "/q/health/ready"),
                                ("livenessProbe", "/q/health/live")):
                if container.get(probe, {}).get("httpGet", {}).get("path") != path:
                    found.append(f"{name}: {probe} is not on {path}")
            resources = container.get("resources", {})
            if "requests" not in resources or "memory" not in resources.get("limits", {}):
                found.append(f"{name}: requests and a memory limit are required")
            if container.get("securityContext", {}).get("allowPrivilegeEscalation") is not False:
                found.append(f"{name}: privilege escalation not disabled")
    missing = SERVICES - set(by_kind.get("KafkaUser", {}))
    if missing:
        found.append(f"KafkaUser missing for {sorted(missing)}")
    for name, user in by_kind.get("KafkaUser", {}).items():
        if name in SERVICES:
            found += kafka_user_problems(name, user)
        else:
            found.append(f"KafkaUser {name}: not a service; every Kafka identity is one service's")
    config_maps = {name: cm.get("data", {}) for name, cm in by_kind.get("ConfigMap", {}).items()}
    for name, config_map in config_maps.items():
        if JAAS in config_map:
            found.append(f"ConfigMap {name} sets {JAAS}: credentials come from each service's KafkaUser Secret")
    for name, deployment in by_kind.get("Deployment", {}).items():
        found += kafka_client_problems(name, deployment["spec"]["template"]["spec"], config_maps)
    for name, role, key in (("message-sender", "switchboard_message_sender", "MESSAGE_SENDER_DB_PASSWORD"),
                            ("realtime-gateway", "switchboard_realtime_gateway", "REALTIME_GATEWAY_DB_PASSWORD")):
        deployment = by_kind.get("Deployment", {}).get(name)
        if deployment:
            env = {e["name"]: e for e in deployment["spec"]["template"]["spec"]["containers"][0].get("env", [])}
            if env.get("DB_USER", {}).get("value") != role:
                found.append(f"{name}: does not connect to PostgreSQL as its own role {role}")
            if env.get("DB_PASSWORD", {}).get("valueFrom", {}).get("secretKeyRef", {}).get("key") != key:
                found.append(f"{name}: DB_PASSWORD is not its own role's ({key})")
    for name in by_kind.get("Secret", {}):
        found.append(f"secret {name} is applied by the overlay; secrets are created out of band (k8s/secret.example.yaml)")
    for name, ingress in by_kind.get("Ingress", {}).items():
        for rule in ingress["spec"].get("rules", []):
            for path in rule.get("http", {}).get("paths", []):
                if path["path"].lstrip("/").startswith("q") and path["path"].lstrip("/")[1:2] in ("", "/", "("):
                    found.append(f"ingress {name} routes {path['path']}: /q/* (health, metrics, OpenAPI) stays in-cluster")
    for name, topic in by_kind.get("KafkaTopic", {}).items():
        if topic["spec"]["replicas"] < topic["spec"]["config"].get("min.insync.replicas", 1):
            found.append(f"topic {name}: fewer replicas than min.insync.replicas")
    return found


if __name__ == "__main__":
    with open(sys.argv[1]) as rendered:
        objects = [obj for obj in yaml.safe_load_all(rendered) if obj]
    errors = problems(objects)
    for error in errors:
        print(f"{sys.argv[1]}: {error}")
    print(f"{sys.argv[1]}: {len(objects)} objects, {len(errors)} problems")
    sys.exit(1 if errors else 0)
