#!/usr/bin/env python3
"""Proves that an image tarball Jib built actually runs, without a container engine: unpacks its layers into a root
file system, starts its entrypoint there (chroot into it, as the image's user, with the image's environment) and waits until
the service answers its liveness probe.

    sudo python3 .ci/check-image.py target/images/webhook-ingest.tar PORT [NAME=VALUE ...]

NAME=VALUE pairs are added to the image's environment, as `docker run -e` would.

Needs root (chroot, mounting /proc). The network is the host's, so the probe reaches the service on loopback.
"""
import gzip
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request


def unpack(image, rootfs):
    with tarfile.open(image) as outer:
        manifest = json.load(outer.extractfile("manifest.json"))[0]
        config = json.load(outer.extractfile(manifest["Config"]))
        for name in manifest["Layers"]:
            data = outer.extractfile(name).read()
            if name.endswith(".gz") or data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            with tarfile.open(fileobj=__import__("io").BytesIO(data)) as layer:
                layer.extractall(rootfs, filter="fully_trusted")
    return config["config"]


def main(image, port, settings):
    rootfs = tempfile.mkdtemp(prefix="image-root-")
    os.chmod(rootfs, 0o755)
    proc = os.path.join(rootfs, "proc")
    service = None
    try:
        config = unpack(image, rootfs)
        os.makedirs(proc, exist_ok=True)
        # The JVM's launcher finds its libraries relative to /proc/self/exe, as it would in a container.
        subprocess.run(["mount", "-t", "proc", "proc", proc], check=True)
        env = dict(entry.split("=", 1) for entry in config.get("Env", []))
        env.update(settings)
        env["QUARKUS_HTTP_PORT"] = str(port)
        user = int(config.get("User", "0"))

        def enter_image():
            os.chroot(rootfs)
            os.chdir(config.get("WorkingDir", "/"))
            os.setgid(0)
            os.setuid(user)

        log = open(image + ".run.log", "wb")
        service = subprocess.Popen(config["Entrypoint"] + config.get("Cmd", []), env=env, stdout=log,
                                   stderr=subprocess.STDOUT, preexec_fn=enter_image)
        url = f"http://127.0.0.1:{port}/q/health/live"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if service.poll() is not None:
                sys.exit(f"{image}: the entrypoint exited with {service.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    body = json.load(answer)
                    if body.get("status") == "UP":
                        print(f"{image}: runs as user {user}, {url} is UP")
                        return
            except OSError:
                pass
            time.sleep(1)
        sys.exit(f"{image}: {url} not UP within 90 s; see {log.name}")
    finally:
        if service and service.poll() is None:
            service.terminate()
            try:
                service.wait(20)
            except subprocess.TimeoutExpired:
                service.kill()
        subprocess.run(["umount", proc], stderr=subprocess.DEVNULL)
        shutil.rmtree(rootfs, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), dict(arg.split("=", 1) for arg in sys.argv[3:]))
