#!/usr/bin/env python3
"""Assembles a Java 17 runtime base image as a `docker save` tarball, from this machine's JDK and C libraries.

Jib builds Switchboard's images without a Docker daemon, but it still needs a base image, and machines with no
registry access (CI here) cannot pull one. This script makes one from what the machine has: a jlink'd JRE, the shared
libraries it links against, and a non-root user 185 (the uid of the ubi9 OpenJDK images the Dockerfile uses).
Images built on it run on any x86_64 Linux container runtime; production builds pull the registry base instead.

    python3 docker/local-base-image.py target/local-jre-base.tar
"""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

# java.se without the AWT natives' X11 dependencies would still need java.desktop for java.beans, so take java.se
# whole; the JDK modules are those Quarkus, Kafka clients and the JDK's TLS and DNS need at run time.
MODULES = ["java.se", "jdk.crypto.ec", "jdk.crypto.cryptoki", "jdk.unsupported", "jdk.jfr", "jdk.management",
           "jdk.management.jfr", "jdk.naming.dns", "jdk.net", "jdk.zipfs", "jdk.localedata"]
JAVA_HOME = "opt/java"
# Natives that only AWT, sound and image codecs load; a headless server never does, so their X11 and ALSA
# dependencies stay out of the image.
DESKTOP_NATIVES = ("awt", "splash", "jsound", "fontmanager", "lcms", "javajpeg", "mlib")
USER_ID = 185


def jlink(target):
    java_home = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("java"))))
    subprocess.run([os.path.join(java_home, "bin", "jlink"), "--add-modules", ",".join(MODULES), "--strip-debug",
                    "--no-header-files", "--no-man-pages", "--compress=2", "--output", target], check=True)


def linked_libraries(runtime):
    """Every shared library the runtime's executables and libraries load, found with ldd; missing X11 ones skipped."""
    found = set()
    for folder, _, files in os.walk(runtime):
        for name in files:
            path = os.path.join(folder, name)
            if not (name.endswith(".so") or folder.endswith("/bin")) or any(n in name for n in DESKTOP_NATIVES):
                continue
            out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
            for line in out.splitlines():
                parts = line.split()
                if "=>" in parts and len(parts) > parts.index("=>") + 1 and parts[parts.index("=>") + 1].startswith("/"):
                    found.add(parts[parts.index("=>") + 1])
                elif parts and parts[0].startswith("/"):
                    found.add(parts[0])
    return sorted(path for path in found if not path.startswith(runtime))


def add_file(layer, path, arcname, mode=None):
    info = layer.gettarinfo(path, arcname)
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = 0
    if mode is not None:
        info.mode = mode
    if info.isfile():
        with open(path, "rb") as data:
            layer.addfile(info, data)
    else:
        layer.addfile(info)


def add_text(layer, arcname, text):
    data = text.encode()
    info = tarfile.TarInfo(arcname)
    info.size = len(data)
    info.mode = 0o644
    layer.addfile(info, io.BytesIO(data))


def add_dir(layer, arcname, mode=0o755):
    info = tarfile.TarInfo(arcname)
    info.type = tarfile.DIRTYPE
    info.mode = mode
    layer.addfile(info)


def build_layer(runtime):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as layer:
        folders = {"etc", "opt", "lib", "lib64", "usr", "usr/lib", "deployments"}
        for folder in sorted(folders):
            add_dir(layer, folder)
        add_dir(layer, "tmp", 0o1777)
        for folder, dirs, files in os.walk(runtime):
            dirs.sort()
            relative = os.path.relpath(folder, runtime)
            target = JAVA_HOME if relative == "." else f"{JAVA_HOME}/{relative}"
            add_file(layer, folder, target)
            for name in sorted(files):
                add_file(layer, os.path.join(folder, name), f"{target}/{name}")
        for library in linked_libraries(runtime):
            # The loader is looked up at the path the executables name; the rest by the loader's default folders.
            arcname = library.lstrip("/")
            parent = os.path.dirname(arcname)
            if parent not in folders:
                folders.add(parent)
                add_dir(layer, parent)
            add_file(layer, os.path.realpath(library), arcname, 0o755)
        add_text(layer, "etc/passwd", f"root:x:0:0:root:/root:/sbin/nologin\n"
                                      f"switchboard:x:{USER_ID}:0:switchboard:/deployments:/sbin/nologin\n")
        add_text(layer, "etc/group", "root:x:0:\n")
        add_text(layer, "etc/nsswitch.conf", "hosts: files dns\n")
        add_text(layer, "etc/hosts", "127.0.0.1 localhost\n")
    return buffer.getvalue()


def main(output):
    with tempfile.TemporaryDirectory() as work:
        runtime = os.path.join(work, "jre")
        jlink(runtime)
        layer = build_layer(runtime)
    diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Env": [f"PATH=/{JAVA_HOME}/bin:/usr/bin:/bin", f"JAVA_HOME=/{JAVA_HOME}", "LANG=C.UTF-8"],
                   "User": str(USER_ID), "WorkingDir": "/deployments"},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "docker/local-base-image.py"}],
    }, sort_keys=True).encode()
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    manifest = json.dumps([{"Config": config_name, "RepoTags": ["switchboard/local-jre-base:17"],
                            "Layers": ["layer.tar"]}]).encode()
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with tarfile.open(output, "w") as image:
        for name, data in (("layer.tar", layer), (config_name, config), ("manifest.json", manifest)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            image.addfile(info, io.BytesIO(data))
    print(f"{output}: {len(layer) // (1024 * 1024)} MiB base layer, {diff_id[:19]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/local-jre-base.tar")
