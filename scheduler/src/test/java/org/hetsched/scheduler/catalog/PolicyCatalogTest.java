package org.hetsched.scheduler.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hetsched.core.UnknownNameException;
import org.junit.jupiter.api.Test;

class PolicyCatalogTest {

    @Test
    void everyNameCreatesThatPolicy() {
        for (String name : PolicyCatalog.names()) assertEquals(name, PolicyCatalog.create(name).name());
        assertTrue(PolicyCatalog.names().containsAll(java.util.List.of("in-order", "fifo")));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> PolicyCatalog.create("heft2"));
        assertTrue(e.getMessage().contains("in-order") && e.getMessage().contains("fifo"), e.getMessage());
    }
}
