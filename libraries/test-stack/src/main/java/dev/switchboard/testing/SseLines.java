package dev.switchboard.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles events from the lines of an SSE stream as a browser does: {@code id}, {@code event} and {@code data}
 * fields (one leading space dropped, {@code data} lines joined with {@code \n}); a blank line dispatches the event.
 */
public final class SseLines {

    private String id;
    private String name;
    private List<String> data = new ArrayList<>();

    /** Every event in a complete stream text; lines end at CR, LF or CRLF, as the SSE specification says. */
    public static List<SseEvent> parse(String text) {
        SseLines reader = new SseLines();
        List<SseEvent> events = new ArrayList<>();
        text.lines().map(reader::accept).filter(event -> event != null).forEach(events::add);
        return events;
    }

    /** @return the event this line completes (a blank line after fields), else null */
    public SseEvent accept(String line) {
        if (line.isEmpty()) {
            SseEvent event = data.isEmpty() && name == null ? null
                    : new SseEvent(id, name == null ? "message" : name, String.join("\n", data));
            id = null;
            name = null;
            data = new ArrayList<>();
            return event;
        }
        if (line.startsWith("id:")) {
            id = value(line);
        } else if (line.startsWith("event:")) {
            name = value(line);
        } else if (line.startsWith("data:")) {
            data.add(value(line));
        }
        return null;
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
