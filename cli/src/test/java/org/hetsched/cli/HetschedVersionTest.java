package org.hetsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class HetschedVersionTest {

    @Test
    void theBundledVersionIsTheBuildsProjectVersion() {
        String built = System.getProperty("hetsched.buildVersion");
        assertNotNull(built, "the build passes hetsched.buildVersion to the tests");
        assertEquals(built, HetschedVersion.current());
    }

    @Test
    void versionFlagPrintsTheBundledVersion() {
        CliRun.Result r = CliRun.run("--version");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("hetsched " + HetschedVersion.current(), r.out().strip());
    }
}
