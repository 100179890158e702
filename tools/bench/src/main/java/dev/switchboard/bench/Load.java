package dev.switchboard.bench;

import dev.switchboard.bench.drain.DrainLoad;
import dev.switchboard.bench.load.Settings;
import dev.switchboard.bench.outbound.OutboundDrain;
import dev.switchboard.bench.streams.FanOut;
import dev.switchboard.bench.streams.IdleStreams;
import dev.switchboard.bench.suite.WebhookToStream;
import dev.switchboard.bench.webhooks.WebhookLoad;

/**
 * The load side of one measurement, in a JVM of its own so that it can be pinned to the load CPU:
 * {@code Load <webhooks|drain|fan-out|idle-streams|webhook-to-stream|outbound-drain> key=value...}; prints one {@code RESULT} line.
 */
public final class Load {

    private Load() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(args, 1);
        switch (args[0]) {
            case "webhooks" -> WebhookLoad.run(settings);
            case "drain" -> DrainLoad.run(settings);
            case "fan-out" -> FanOut.run(settings);
            case "idle-streams" -> IdleStreams.run(settings);
            case "webhook-to-stream" -> WebhookToStream.run(settings);
            case "outbound-drain" -> OutboundDrain.run(settings);
            default -> throw new IllegalArgumentException("no load " + args[0]);
        }
        System.exit(0);
    }
}
