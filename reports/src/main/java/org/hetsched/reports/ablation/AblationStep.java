package org.hetsched.reports.ablation;

/**
 * One step of llm.npu's ablation (Xu et al., arXiv 2407.05858, §5 and Fig. 14/15): its techniques
 * added one at a time to a CPU baseline, each step as a configuration of hetsched's built-in plans
 * and policies. A step differs from the one before it in what its {@link #definition()} says; the
 * shadow layers are always the plan's default (none for the plans without a shadow subgraph), and
 * dispatch overhead is never added, as in {@code hetsched simulate}'s defaults. Where a step is not
 * like-for-like with the paper is in reports/README.md.
 */
public enum AblationStep {
    /** A llama.cpp-like CPU baseline. */
    CPU("cpu", "cpu-only", "in-order", false, false,
            "llama.cpp-like CPU baseline: every subgraph on the CPU (INT8 linears, FP32 float ops), one processor"),
    /** Naive NPU offload, graphs built for the prompt at hand. */
    NAIVE_NPU("naive-npu", "npu-naive", "in-order", true, true,
            "naive NPU offload: every subgraph on the NPU (INT8 linears, FP16 float ops), graphs built for this prompt "
                    + "(one chunk of the whole prompt), their preparation inside the makespan"),
    /** Chunk-sharing graphs: fixed chunks, graphs prepared once ahead of time. */
    CHUNK("chunk", "npu-naive", "in-order", false, false,
            "+ chunk-sharing graphs: fixed-size chunks whose graphs are prepared once ahead of time (not charged), "
                    + "float ops still on the NPU"),
    /** Shadow outliers: llm.npu's partition, no reordering. */
    OUTLIER("outlier", "llm.npu", "in-order", false, false,
            "+ shadow outliers: llm.npu's partition (CPU float attention, NPU INT8 linears, CPU shadow outliers on the "
                    + "plan's default kept layers), subgraphs in chunk order (no reordering)"),
    /** Out-of-order subgraph execution. */
    OOE("ooe", "llm.npu", "ooe", false, false,
            "+ out-of-order execution: llm.npu's partition scheduled by its out-of-order rule");

    private final String label;
    private final String plan;
    private final String policy;
    private final boolean wholePromptChunk;
    private final boolean graphPreparation;
    private final String definition;

    AblationStep(String label, String plan, String policy, boolean wholePromptChunk, boolean graphPreparation,
                 String definition) {
        this.label = label;
        this.plan = plan;
        this.policy = policy;
        this.wholePromptChunk = wholePromptChunk;
        this.graphPreparation = graphPreparation;
        this.definition = definition;
    }

    /** The step's name in the output, e.g. {@code naive-npu}. */
    public String label() {
        return label;
    }

    /** The built-in partition plan it runs (see {@code hetsched plans}). */
    public String plan() {
        return plan;
    }

    /** The scheduling policy it runs (see {@code hetsched policies}). */
    public String policy() {
        return policy;
    }

    /** The chunk length of this step for a prompt of {@code promptTokens} and a chunk setting of {@code chunkTokens}. */
    public int chunkTokens(int promptTokens, int chunkTokens) {
        return wholePromptChunk ? promptTokens : chunkTokens;
    }

    /** Whether the NPU graph preparation is charged inside the makespan. */
    public boolean graphPreparation() {
        return graphPreparation;
    }

    /** What the step is, in one line, in hetsched's terms. */
    public String definition() {
        return definition;
    }
}
