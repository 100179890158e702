package dev.switchboard.twilio.standin;

import java.util.ArrayList;
import java.util.List;

/** Every Twilio API request the stand-in received, in arrival order. */
final class RequestLog {

    private final List<LoggedRequest> entries = new ArrayList<>();

    synchronized LoggedRequest add(StandInRequest request, List<String> violations) {
        LoggedRequest entry = new LoggedRequest(request, violations);
        entries.add(entry);
        return entry;
    }

    synchronized List<LoggedRequest> under(String pathPrefix) {
        return entries.stream().filter(entry -> entry.path().startsWith(pathPrefix)).toList();
    }

    synchronized List<LoggedRequest> withViolations() {
        return entries.stream().filter(entry -> !entry.violations().isEmpty()).toList();
    }

    synchronized void clear() {
        entries.clear();
    }
}
