package dev.switchboard.realtime.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Participant SIDs this replica saw removed, so that a retried, replayed or reordered {@code onParticipantAdded} of
 * the same SID never re-admits anyone (streams opened later read removals from PostgreSQL). Bounded: the oldest
 * removals are forgotten first; by then their late adds are long past.
 */
final class RemovedParticipants {

    private static final int MAX = 100_000;

    private final Map<String, Boolean> sids = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX;
        }
    };

    synchronized void add(String participantSid) {
        if (participantSid != null) {
            sids.put(participantSid, Boolean.TRUE);
        }
    }

    synchronized boolean contains(String participantSid) {
        return participantSid != null && sids.containsKey(participantSid);
    }
}
