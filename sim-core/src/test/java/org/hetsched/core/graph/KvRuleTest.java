package org.hetsched.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KvRuleTest {
    // two chunks of three tasks: 0, 1 produce the K/V that 2 consumes (and 3, 4 for 5)
    private static final int[] PRODUCER_GROUP = {0, 0, -1, 0, 0, -1};
    private static final int[] CONSUMER_GROUP = {-1, -1, 0, -1, -1, 0};
    private static final int[] CONSUMERS = {2, 5};
    private static final int[] PER_CHUNK = {2};

    @Test
    void listsTheProducersOfEachChunk() {
        KvRule kv = new KvRule(2, PRODUCER_GROUP, CONSUMER_GROUP, CONSUMERS, PER_CHUNK, new int[] {0, 1, 3, 4});
        assertEquals(3, kv.producer(0, 1, 0));
        assertEquals(4, kv.producer(0, 1, 1));
        assertEquals(2, kv.impliedEdgeCount());
    }

    @Test
    void refusesAProducerListThatDisagreesWithTheProducerGroups() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new KvRule(2, PRODUCER_GROUP, CONSUMER_GROUP, CONSUMERS, PER_CHUNK, new int[] {0, 1, 2, 4}));
        assertTrue(e.getMessage().contains("producer 0 of group 0 chunk 1 is task 2, whose producer group is -1"), e.getMessage());
    }

    @Test
    void refusesAProducerAfterItsConsumer() {
        int[] producerGroup = {0, -1, 0, 0, -1, 0};
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new KvRule(2, producerGroup, new int[] {-1, 0, -1, -1, 0, -1}, new int[] {1, 4}, PER_CHUNK, new int[] {0, 2, 3, 5}));
        assertTrue(e.getMessage().contains("is task 2, whose producer group is 0, and must precede consumer 1"), e.getMessage());
    }

    @Test
    void refusesAnUnlistedProducer() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new KvRule(2, PRODUCER_GROUP, CONSUMER_GROUP, CONSUMERS, new int[] {1}, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("4 tasks produce for group 0, but it lists 1 per chunk x 2 chunks"), e.getMessage());
    }
}
