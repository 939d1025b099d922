package org.hetsched.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hetsched.core.graph.DType;
import org.hetsched.core.graph.ProcessorKind;
import org.junit.jupiter.api.Test;

class ProcessorTest {

    @Test
    void dtypesIterateInDeclarationOrderWhateverTheInputOrder() {
        List<DType> reversed = new ArrayList<>(Arrays.asList(DType.values()));
        java.util.Collections.reverse(reversed);
        Processor p = new Processor(0, "cpu", ProcessorKind.CPU, new LinkedHashSet<>(reversed));
        assertEquals(Arrays.asList(DType.values()), new ArrayList<>(p.dtypes()));
    }

    @Test
    void dtypesAreACopyThatCannotBeChanged() {
        Set<DType> input = new LinkedHashSet<>(Set.of(DType.INT8));
        Processor p = new Processor(0, "npu", ProcessorKind.NPU, input);
        input.add(DType.FP32);
        assertEquals(Set.of(DType.INT8), p.dtypes());
        assertThrows(UnsupportedOperationException.class, () -> p.dtypes().add(DType.FP16));
    }

    @Test
    void noDtypesIsAnEmptySet() {
        assertTrue(new Processor(0, "gpu", ProcessorKind.GPU, Set.of()).dtypes().isEmpty());
    }
}
