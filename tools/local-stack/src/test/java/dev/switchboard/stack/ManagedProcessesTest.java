package dev.switchboard.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManagedProcessesTest {

    /** A suite draws its ports before anything binds them: two equal draws would start two servers on one port. */
    @Test
    void freePortNeverHandsOutTheSamePortTwice() {
        Set<Integer> handedOut = new HashSet<>();
        for (int draw = 0; draw < 2_000; draw++) {
            int port = ManagedProcesses.freePort();
            assertTrue(handedOut.add(port), "port " + port + " handed out twice, at draw " + draw);
        }
    }
}
