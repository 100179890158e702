"""Checks a rendered kustomize overlay for what Switchboard's operators rely on; exits non-zero with the reasons."""
import sys

import yaml

SERVICES = {"webhook-ingest", "conversation-manager", "message-sender", "realtime-gateway"}


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
