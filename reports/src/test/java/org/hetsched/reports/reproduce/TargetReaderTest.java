package org.hetsched.reports.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hetsched.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetReaderTest {
    private static final String HEADER = "id,model,device,plan,policy,chunk,promptMin,promptMax,shadow,metric,value,weight,source,note\n";
    private static final String GOOD = "a,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,prefillMs,100,1,Table 5,\n";

    @Test
    void readsEveryRowOfTheBuiltInSet() {
        TargetSet set = TargetReader.read(TargetReader.BUILT_IN);
        assertEquals(33, set.targets().size());
        assertTrue(set.targets().stream().allMatch(t -> !t.source().isEmpty()));
        Target cell = set.byId().get("t5-droid-qwen");
        assertEquals(List.of(656, 677, 699, 720, 742, 763, 784, 806, 827), cell.promptSamples());
        assertEquals(1160, cell.published().low());
    }

    @Test
    void readsRangesRatiosAndShadows() {
        TargetSet set = TargetReader.parse("t.csv", HEADER + "# a comment\n" + GOOD
                + "b,qwen1.5-1.8b,sd8gen3,llm.npu,in-order,256,64,64,pruned:0.5,busyMs:npu,,0,Fig. 1,\n"
                + "c,,,,,,,,,ratio:a/b,0.5..0.8,2,Fig. 2,a note\n"
                + "d,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,64,none,tokensPerSecond,1000..,0,abstract,\n");
        Target b = set.byId().get("b");
        assertEquals(List.of(64), b.promptSamples());
        assertEquals(12, b.shadow().layers(24).size());
        assertEquals("b", set.byId().get("c").metric().denominator());
        assertEquals(0.8, set.byId().get("c").published().high());
        assertTrue(Double.isInfinite(set.byId().get("d").published().high()));
        assertEquals(List.of(), set.byId().get("d").shadow().layers(24));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x,llama-9b,sd8gen3,llm.npu,ooe,256,64,128,default,prefillMs,100,1,Table 5,|llama-9b",
        "x,qwen1.5-1.8b,pixel9,llm.npu,ooe,256,64,128,default,prefillMs,100,1,Table 5,|pixel9",
        "x,qwen1.5-1.8b,sd8gen3,tiled,ooe,256,64,128,default,prefillMs,100,1,Table 5,|tiled",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,eager,256,64,128,default,prefillMs,100,1,Table 5,|field 'policy'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,0,128,default,prefillMs,100,1,Table 5,|field 'promptMin'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,200,128,default,prefillMs,100,1,Table 5,|field 'promptMax'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,99999,default,prefillMs,100,1,Table 5,|99999",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,latency,100,1,Table 5,|field 'metric'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,busyMs:dsp,100,1,Table 5,|'dsp'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,half,prefillMs,100,1,Table 5,|field 'shadow'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,prefillMs,fast,1,Table 5,|field 'value'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,prefillMs,,1,Table 5,|field 'value'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,prefillMs,100,-1,Table 5,|field 'weight'",
        "x,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,prefillMs,100,1,,|field 'source'",
        "x,,,,,,,,,ratio:a/missing,2,1,Fig. 1,|'missing'",
        "x,qwen1.5-1.8b,,,,,,,,ratio:a/a,2,1,Fig. 1,|field 'model'",
        "a,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,prefillMs,100,1,Table 5,|field 'id'",
    })
    void refusesABadRowInOneLineNamingFileLineAndField(String row, String mention) {
        UserInputException e = assertThrows(UserInputException.class, () -> TargetReader.parse("t.csv", HEADER + GOOD + row + "\n"));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("t.csv:3: "), e.getMessage());
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void reportsEveryBadRowOnItsOwnLine() {
        UserInputException e = assertThrows(UserInputException.class, () -> TargetReader.parse("t.csv", HEADER + GOOD
                + "b,qwen1.5-1.8b,sd8gen3,llm.npu,ooe,256,64,128,default,latency,100,1,Table 5,\n"
                + "c,qwen1.5-1.8b,sd8gen3,llm.npu,eager,256,64,128,default,prefillMs,100,1,Table 5,\n"));
        List<String> lines = e.getMessage().lines().toList();
        assertEquals(2, lines.size(), e.getMessage());
        assertTrue(lines.get(0).startsWith("t.csv:3: field 'metric'"), lines.get(0));
        assertTrue(lines.get(1).startsWith("t.csv:4: field 'policy'"), lines.get(1));
    }

    @Test
    void refusesAHeaderWithoutAColumnAndAnEmptyFile() {
        UserInputException header = assertThrows(UserInputException.class,
                () -> TargetReader.parse("t.csv", "id,model\n" + GOOD));
        assertTrue(header.getMessage().startsWith("t.csv:1: the header lacks columns device,"), header.getMessage());
        UserInputException empty = assertThrows(UserInputException.class, () -> TargetReader.parse("t.csv", HEADER));
        assertEquals("t.csv: no targets", empty.getMessage());
        UserInputException missing = assertThrows(UserInputException.class, () -> TargetReader.read("no/such/targets.csv"));
        assertTrue(missing.getMessage().startsWith("cannot read targets no/such/targets.csv"), missing.getMessage());
    }
}
