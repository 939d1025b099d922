"""Re-derives sd8gen2's fitted numbers from the fitted sd8gen3, by the ratios sd8gen2's sources state.

Usage (from the repository root): python3 hw-profiles/fit/derive-sd8gen2.py

sd8gen2 has no published measurement. Its bottom-up numbers are sd8gen3-bottom-up's scaled by the SoC
spec (see the sources of sd8gen2.json); this script adds what the fit of sd8gen3 learnt, scaled the same
way: NPU fixed costs by the DRAM ratio 77/67 (as sd8gen2's assumption-npu-scaling), NPU rates by 67/77,
CPU work by the core-GHz ratio 23.4/20.4 (derived-cpu-scaling), unitless shapes (fill point, reshape
speedup, contention, the attention curve's knee) unchanged. BuiltInProfileDerivationTest re-checks every
number. The ratios are the spec figures of ../shared reference llm-npu-facts.md, as in sd8gen2.json.
"""
import collections
import json
import pathlib

DEVICES = pathlib.Path("hw-profiles/src/main/resources/org/hetsched/profiles/load/devices")
CORE_GHZ_8GEN3 = 3.3 + 5 * 3.1 + 2 * 2.3
CORE_GHZ_8GEN2 = 3.2 + 4 * 2.8 + 3 * 2.0
CPU = CORE_GHZ_8GEN2 / CORE_GHZ_8GEN3       # CPU rates x this, CPU times / this
MEM = 67e9 / 77e9                            # NPU rates x this, NPU times / this

load = lambda name: json.loads((DEVICES / name).read_text(), object_pairs_hook=collections.OrderedDict)
gen3 = load("sd8gen3.json")
gen2 = load("sd8gen2.json")
SRC = "derived-fitted-from-sd8gen3"
gen2["sources"][SRC] = ("Derived. sd8gen3's fitted numbers (its fitted-* sources: hetsched profile fit to llm.npu's "
                        "end-to-end measurements, see reports/REPRODUCTION.md) scaled as this profile's other numbers are: "
                        "NPU times x 77/67 and NPU rates x 67/77 (assumption-npu-scaling), CPU times x 23.4/20.4 and CPU "
                        "rates x 20.4/23.4 (derived-cpu-scaling); the fill point, the reshape speedup, the attention curve's "
                        "half-rate context and the contention slowdowns unchanged (assumption: the same NPU tiling, kernels "
                        "and memory system). Re-derived by hw-profiles/fit/derive-sd8gen2.py.")
sv = lambda v: collections.OrderedDict([("value", v), ("source", SRC)])


def analytic(p, proc, dtype):
    return next(a for a in p["analytic"] if a["processor"] == proc and a["dtype"] == dtype)


for dtype in ("INT8", "FP16"):
    a2, a3 = analytic(gen2, "npu", dtype), analytic(gen3, "npu", dtype)
    a2["matmul"]["minRowsPerPass"] = sv(a3["matmul"]["minRowsPerPass"]["value"])
    if "linearReshapeSpeedup" in a3:
        a2["linearReshapeSpeedup"] = sv(a3["linearReshapeSpeedup"]["value"])
att3 = analytic(gen3, "cpu", "FP32")["attention"]
analytic(gen2, "cpu", "FP32")["attention"] = collections.OrderedDict([
    ("macsPerSecond", sv(att3["macsPerSecond"]["value"] * CPU)),
    ("halfRateContextTokens", sv(att3["halfRateContextTokens"]["value"]))])
p3 = gen3["prefill"]
gen2["prefill"] = collections.OrderedDict([
    ("setupMs", sv(p3["setupMs"]["value"] / CPU)),
    ("weightRemap", collections.OrderedDict([("processor", "npu"),
                                             ("bytesPerSecond", sv(p3["weightRemap"]["bytesPerSecond"]["value"] * MEM))])),
    ("firstRun", collections.OrderedDict([("processor", "npu"), ("perGraphMs", sv(p3["firstRun"]["perGraphMs"]["value"] / MEM))]))])
s3 = gen3["shadow"]
gen2["shadow"] = collections.OrderedDict([("npuSplitUs", sv(s3["npuSplitUs"]["value"] / MEM)),
                                          ("cpuSyncUs", sv(s3["cpuSyncUs"]["value"] / CPU))])
sync3 = {(s["from"], s["to"]): s["latencyUs"]["value"] for s in gen3["sync"]}
sync2 = {(s["from"], s["to"]): s["latencyUs"]["value"] for s in gen2["sync"]}
npu_cpu = {("cpu", "npu"): sync3[("cpu", "npu")] / MEM, ("npu", "cpu"): sync3[("npu", "cpu")] / MEM}
for s in gen2["sync"]:
    pair = (s["from"], s["to"])
    if pair in npu_cpu:
        s["latencyUs"] = sv(npu_cpu[pair])                     # NPU hand-offs scale like the NPU's fixed costs
    elif pair == ("npu", "gpu"):
        s["latencyUs"] = sv(npu_cpu[("npu", "cpu")] + sync2[("cpu", "gpu")])   # through the CPU
    elif pair == ("gpu", "npu"):
        s["latencyUs"] = sv(sync2[("gpu", "cpu")] + npu_cpu[("cpu", "npu")])
gen2["contention"] = [collections.OrderedDict([("victim", c["victim"]), ("aggressor", c["aggressor"]),
                                               ("slowdown", sv(c["slowdown"]["value"]))]) for c in gen3["contention"]]
gen2["description"] = ("Redmi K60 Pro (Snapdragon 8 Gen 2): no published measurements; every number derived from sd8gen3 "
                       "(bottom-up numbers from sd8gen3-bottom-up, fitted ones from the fitted sd8gen3) by the SoC spec "
                       "differences (CPU clocks, 67 vs 77 GB/s) or, for the NPU and GPU, by labelled assumption; all ops "
                       "are priced ANALYTIC")
(DEVICES / "sd8gen2.json").write_text(json.dumps(gen2, indent=2, ensure_ascii=False) + "\n")
print("wrote", DEVICES / "sd8gen2.json")
