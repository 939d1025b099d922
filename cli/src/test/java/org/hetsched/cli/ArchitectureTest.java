package org.hetsched.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The layout of ARCHITECTURE.md, checked on the main classes of every module the command line
 * pulls in (all but benchmarks and the opt-in qnn-direct): modules depend on each other in one
 * direction, and no two packages anywhere depend on each other.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.hetsched");

    /** org.hetsched.&lt;module&gt;.&lt;family&gt;, with a module's own root package as one more family. */
    private static final SliceAssignment FAMILIES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String[] parts = javaClass.getPackageName().split("\\.");
            if (parts.length < 3 || !parts[0].equals("org") || !parts[1].equals("hetsched")) return SliceIdentifier.ignore();
            return SliceIdentifier.of(parts[2] + "." + (parts.length == 3 ? "(root)" : parts[3]));
        }

        @Override
        public String getDescription() {
            return "package families org.hetsched.<module>.<family> (a module's root package is a family of its own)";
        }
    };

    @Test
    void importedEveryModule() {
        for (String module : new String[] {"core", "profiles", "scheduler", "artefacts", "backend", "reports", "cli"}) {
            if (MAIN.stream().noneMatch(c -> c.getPackageName().startsWith("org.hetsched." + module + "."))
                    && MAIN.stream().noneMatch(c -> c.getPackageName().equals("org.hetsched." + module))) {
                throw new AssertionError("no main classes of org.hetsched." + module + " on the test class path");
            }
        }
    }

    @Test
    void modulesAreFreeOfCycles() {
        slices().matching("org.hetsched.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void packageFamiliesAreFreeOfCycles() {
        slices().assignedFrom(FAMILIES).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void modulesDependInTheDirectionOfTheDesign() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("sim-core").definedBy("org.hetsched.core..")
                .layer("hw-profiles").definedBy("org.hetsched.profiles..")
                .layer("scheduler").definedBy("org.hetsched.scheduler..")
                .layer("device-artefacts").definedBy("org.hetsched.artefacts..")
                .layer("real-backend").definedBy("org.hetsched.backend..")
                .layer("reports").definedBy("org.hetsched.reports..")
                .layer("cli").definedBy("org.hetsched.cli..")
                .whereLayer("sim-core").mayNotAccessAnyLayer()
                .whereLayer("hw-profiles").mayOnlyAccessLayers("sim-core")
                .whereLayer("scheduler").mayOnlyAccessLayers("sim-core")
                .whereLayer("device-artefacts").mayOnlyAccessLayers("sim-core", "hw-profiles")
                .whereLayer("real-backend").mayOnlyAccessLayers("sim-core", "hw-profiles", "scheduler", "device-artefacts")
                .whereLayer("reports").mayOnlyAccessLayers("sim-core", "hw-profiles", "scheduler")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .check(MAIN);
    }
}
