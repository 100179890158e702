#!/usr/bin/env python3
"""Checks a rendered compose file (docker-compose.yml + docker-compose.standin.yml) for what operators rely on."""
import sys

import yaml

SERVICES = ["webhook-ingest", "conversation-manager", "message-sender", "realtime-gateway"]
STANDIN = "http://twilio-standin:8099"


def main(path):
    services = yaml.safe_load(open(path))["services"]
    problems = []
    for name, service in services.items():
        for port in service.get("ports") or []:
            if not str(port).startswith("127.0.0.1:"):
                problems.append(f"{name} publishes {port} beyond 127.0.0.1 by default")
    for name in SERVICES:
        base = (services[name].get("environment") or {}).get("TWILIO_API_BASE_URL")
        if base != STANDIN:
            problems.append(f"{name} calls Twilio at {base!r}, not the stand-in {STANDIN}")
        profile = (services[name].get("environment") or {}).get("QUARKUS_PROFILE")
        if profile != "prod,local":
            problems.append(f"{name} runs the stand-in with QUARKUS_PROFILE={profile!r}, which refuses it (prod,local)")
    for name, role in (("message-sender", "switchboard_message_sender"),
                       ("realtime-gateway", "switchboard_realtime_gateway")):
        env = services[name].get("environment") or {}
        if env.get("DB_USER") != role:
            problems.append(f"{name} connects to PostgreSQL as {env.get('DB_USER')!r}, not its own role {role}")
        if env.get("DB_PASSWORD") == (services["postgres"].get("environment") or {}).get("POSTGRES_PASSWORD"):
            problems.append(f"{name} is given the schema owner's password")
    standin = services["twilio-standin"].get("environment") or {}
    for hook in ["TWILIO_STANDIN_CONVERSATIONS_WEBHOOK_URL", "TWILIO_STANDIN_MESSAGING_WEBHOOK_URL"]:
        if not str(standin.get(hook, "")).startswith("http://webhook-ingest:8081/webhooks/twilio/"):
            problems.append(f"the stand-in's {hook} is {standin.get(hook)!r}, not webhook-ingest by service name")
    manager = services["conversation-manager"].get("depends_on") or {}
    if (manager.get("minio-init") or {}).get("condition") != "service_completed_successfully":
        problems.append("conversation-manager does not wait for the media bucket (minio-init)")
    if "mc mb --ignore-existing" not in " ".join(services["minio-init"].get("command") or []):
        problems.append("minio-init does not create the media bucket")
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
