package dev.switchboard.realtime.routing;

import io.vertx.core.buffer.Buffer;
import java.util.regex.Pattern;

/**
 * One event in Server-Sent Events framing (WHATWG HTML, "server-sent events"). A line break ends a field and a blank
 * line ends the event, so no value may smuggle one in: {@code id} and {@code event} lose their line breaks, and
 * {@code data} gets one {@code data:} line per line of text, which the client joins back with {@code \n}.
 */
final class SseFrame {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private SseFrame() {
    }

    /** The frame's UTF-8 bytes, encoded once: every stream writes the same buffer (Vert.x writes a slice of it). */
    static Buffer of(String id, String name, String data) {
        StringBuilder frame = new StringBuilder("id: ").append(oneLine(id))
                .append("\nevent: ").append(oneLine(name)).append('\n');
        for (String line : LINE_BREAK.split(data, -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return Buffer.buffer(frame.append('\n').toString());
    }

    private static String oneLine(String value) {
        return LINE_BREAK.matcher(value).replaceAll("");
    }
}
