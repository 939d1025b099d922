package org.hetsched.scheduler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class IdleSlotsProperties {

    /** The treap answers like a scan of the sorted reservations, over any sequence of insertions. */
    @Property(tries = 200)
    void findsTheSameGapAsALinearScan(@ForAll @Size(max = 120) List<@IntRange(min = 0, max = 400) Integer> readies,
                                      @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 40) Integer> durations) {
        IdleSlots slots = new IdleSlots();
        List<long[]> busy = new ArrayList<>(); // sorted, disjoint [start, end)
        for (int i = 0; i < Math.min(readies.size(), durations.size()); i++) {
            long ready = readies.get(i);
            long duration = durations.get(i);
            long expected = scan(busy, ready, duration);
            assertEquals(expected, slots.earliestStartNs(ready, duration), "ready " + ready + ", duration " + duration);
            slots.reserve(expected, duration);
            if (duration > 0) {
                busy.add(new long[] {expected, expected + duration});
                busy.sort((a, b) -> Long.compare(a[0], b[0]));
            }
        }
    }

    private static long scan(List<long[]> busy, long ready, long duration) {
        long at = ready;
        long previousEnd = 0;
        for (long[] b : busy) {
            if (b[1] <= at) {
                previousEnd = b[1];
                continue;
            }
            // a zero duration may sit at a gap's end, but there is no gap between touching reservations
            if (duration > 0 ? at + duration <= b[0] : at < b[0] || (at == b[0] && previousEnd < b[0])) return at;
            at = Math.max(at, b[1]);
            previousEnd = b[1];
        }
        return at;
    }
}
