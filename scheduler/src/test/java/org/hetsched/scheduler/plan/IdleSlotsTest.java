package org.hetsched.scheduler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IdleSlotsTest {

    @Test
    void anEmptyProcessorStartsATaskWhenItIsReady() {
        IdleSlots slots = new IdleSlots();
        assertEquals(0, slots.earliestStartNs(0, 10));
        assertEquals(7, slots.earliestStartNs(7, 10));
        assertEquals(0, slots.busyUntilNs());
    }

    @Test
    void insertsIntoTheFirstGapThatFits() {
        IdleSlots slots = new IdleSlots();
        slots.reserve(10, 10); // busy [10, 20)
        slots.reserve(25, 5);  // busy [25, 30)
        assertEquals(0, slots.earliestStartNs(0, 10), "[0, 10) fits exactly");
        assertEquals(30, slots.earliestStartNs(0, 11), "too long for [0, 10) and [20, 25)");
        assertEquals(0, slots.earliestStartNs(0, 5), "[0, 10) has room");
        assertEquals(20, slots.earliestStartNs(12, 5), "[20, 25) fits exactly");
        assertEquals(22, slots.earliestStartNs(22, 3), "ready inside a gap with room");
        assertEquals(30, slots.earliestStartNs(22, 4), "ready inside a gap without room");
        assertEquals(20, slots.earliestStartNs(12, 1), "ready inside a reservation: the next gap");
        assertEquals(30, slots.earliestStartNs(12, 6), "ready inside a reservation: the next gap is too short");
        assertEquals(30, slots.busyUntilNs());
    }

    @Test
    void aZeroDurationFitsInAnIdleGapItsEndsIncludedAndReservesNothing() {
        IdleSlots slots = new IdleSlots();
        slots.reserve(10, 10);
        assertEquals(10, slots.earliestStartNs(10, 0), "at the end of the gap [0, 10)");
        assertEquals(20, slots.earliestStartNs(15, 0), "not inside a reservation");
        slots.reserve(20, 5);
        assertEquals(25, slots.earliestStartNs(20, 0), "no gap ends at 20: [10, 20) and [20, 25) touch");
        slots.reserve(5, 0);
        assertEquals(0, slots.earliestStartNs(0, 10));
    }

    @Test
    void rejectsReservationsOutsideIdleTimeAndNegativeTimes() {
        IdleSlots slots = new IdleSlots();
        slots.reserve(10, 10);
        assertThrows(IllegalArgumentException.class, () -> slots.reserve(15, 1));
        assertThrows(IllegalArgumentException.class, () -> slots.reserve(5, 6));
        assertThrows(IllegalArgumentException.class, () -> slots.earliestStartNs(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> slots.reserve(30, -1));
    }

    @Test
    void clearForgetsReservations() {
        IdleSlots slots = new IdleSlots();
        slots.reserve(0, 100);
        slots.clear();
        assertEquals(0, slots.earliestStartNs(0, 50));
        assertEquals(0, slots.busyUntilNs());
    }
}
