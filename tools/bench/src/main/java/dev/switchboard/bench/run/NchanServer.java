package dev.switchboard.bench.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * P3's and P4's peer baseline: nginx with the Nchan module (Debian's {@code nginx-light} and
 * {@code libnginx-mod-nchan}, which {@code tools/bench/run} installs when missing). One worker; a subscriber location
 * at the gateway's stream path in Nchan's EventSource mode and a publisher location on a port of its own, both on one
 * channel; free ports, its own prefix under {@code tools/bench/target/nchan}.
 */
final class NchanServer {

    /** What Nchan's column shows when nginx or the module is missing. */
    static final String NOT_INSTALLED = "not installed";

    /** A started nginx: its master process, where streams are read and where events are published. */
    record Running(Process master, int subscriberPort, String publishUrl) {

        /** The one worker, which holds the streams: P4 reads its RSS. */
        long workerPid() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                var worker = master.toHandle().children().findFirst();
                if (worker.isPresent()) {
                    return worker.get().pid();
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("nginx started no worker");
        }
    }

    /** Set by tools/bench/run; the defaults are where Debian's packages put them. */
    private final Path nginx = Path.of(System.getenv().getOrDefault("BENCH_NGINX", "/usr/sbin/nginx"));
    private final Path module = Path.of(System.getenv().getOrDefault("BENCH_NCHAN_MODULE",
            "/usr/lib/nginx/modules/ngx_nchan_module.so"));
    private final BenchStack stack;

    NchanServer(BenchStack stack) {
        this.stack = stack;
    }

    /** Null when nginx and the Nchan module are there; otherwise which is missing. */
    String missing() {
        if (!Files.isExecutable(nginx)) {
            return nginx + " not found";
        }
        return Files.isRegularFile(module) ? null : module + " not found";
    }

    /** Starts nginx; its channel keeps at least {@code messages} messages for subscribers that fall behind. */
    Running start(int messages, int streams) throws Exception {
        Path prefix = stack.workDir("nchan");
        Files.createDirectories(prefix);
        int[] ports = freePorts(2);
        Path config = prefix.resolve("nginx.conf");
        Files.writeString(config, config(prefix, ports[0], ports[1], messages, streams));
        Process master = stack.launch("nchan", List.of(nginx.toString(), "-p", prefix + "/", "-c", config.toString(),
                "-e", prefix.resolve("error.log").toString()), ports);
        return new Running(master, ports[0], "http://127.0.0.1:" + ports[1] + "/pub");
    }

    /**
     * The first message a new stream gets is the next one published ({@code newest}), as on the gateway and the bare
     * server; Nchan's default would replay the channel's buffer. Temp paths are inside the prefix so that no system
     * folder is needed.
     */
    private String config(Path prefix, int subscriberPort, int publisherPort, int messages, int streams) {
        return """
                load_module %1$s;
                daemon off;
                worker_processes 1;
                pid %2$s/nginx.pid;
                events {
                    worker_connections %3$d;
                }
                http {
                    access_log off;
                    client_body_temp_path %2$s/client_body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    nchan_shared_memory_size 128m;
                    server {
                        listen 127.0.0.1:%4$d;
                        location = /v1/stream {
                            nchan_subscriber eventsource;
                            nchan_channel_id bench;
                            nchan_subscriber_first_message newest;
                        }
                    }
                    server {
                        listen 127.0.0.1:%5$d;
                        location = /pub {
                            nchan_publisher http;
                            nchan_channel_id bench;
                            nchan_message_buffer_length %6$d;
                            nchan_message_timeout 10m;
                        }
                    }
                }
                """.formatted(module, prefix, streams + 1024, subscriberPort, publisherPort, Math.max(1000, messages));
    }

    private static int[] freePorts(int count) throws IOException {
        Set<Integer> ports = new HashSet<>();
        while (ports.size() < count) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports.add(socket.getLocalPort());
            }
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }
}
