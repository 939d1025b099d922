package org.hetsched.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownNameExceptionTest {

    @Test
    void listsTheKnownNamesUnderTheKindsPlural() {
        assertEquals("unknown policy 'oracle'; known policies: fifo, heft",
                new UnknownNameException("policy", "oracle", List.of("fifo", "heft")).getMessage());
        assertEquals("unknown model 'x'; known models: phi-2", new UnknownNameException("model", "x", List.of("phi-2")).getMessage());
    }

    @Test
    void pluralisesRegularNouns() {
        assertEquals("policies", UnknownNameException.plural("policy"));
        assertEquals("host models", UnknownNameException.plural("host model"));
        assertEquals("keys", UnknownNameException.plural("key"));
        assertEquals("indexes", UnknownNameException.plural("index"));
        assertEquals("aliases", UnknownNameException.plural("alias"));
    }
}
