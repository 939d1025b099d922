#!/usr/bin/env python3
"""Structural check of a hetsched Chrome trace-event file, with the standard library only.

What it checks (the layout is specified in reports/README.md, "Chrome trace for Perfetto"):
  * the file is a JSON object with a traceEvents array;
  * every complete event ("ph": "X") has numeric ts >= 0 and dur >= 0, and a pid and tid;
  * on each (pid, tid) track no two complete events overlap (touching is fine);
  * every process with events has a process_name, every track a thread_name;
  * flow ids are unique; every flow start ("s") has exactly one finish ("f", "bp": "e") and
    each end lies inside a complete event of its own track, the start's slice ending no later
    than the finish's slice starts (an arrow never points back in time);
  * optional expectations: --slices N, --flows N, --process NAME (repeatable, in pid order).

Usage: validate_chrome_trace.py TRACE.json [--slices N] [--flows N] [--process NAME ...]
Exit status: 0 valid, 1 a check failed (every failure is listed), 2 unreadable input.
"""

import argparse
import bisect
import json
import sys
from collections import defaultdict
from decimal import Decimal


class TraceFile:
    """The events of one Chrome trace file, indexed the way the checks need them."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            # Decimal, not float: ts + dur must be exact, or slices that touch would seem to overlap
            root = json.load(f, parse_float=Decimal)
        if not isinstance(root, dict) or not isinstance(root.get("traceEvents"), list):
            raise ValueError(f"{path}: not a JSON object with a traceEvents array")
        self.events = root["traceEvents"]
        self.other_data = root.get("otherData", {})
        self.slices = [e for e in self.events if e.get("ph") == "X"]
        self.flow_starts = [e for e in self.events if e.get("ph") == "s"]
        self.flow_finishes = [e for e in self.events if e.get("ph") == "f"]
        self.process_names = {}
        self.thread_names = {}
        for e in self.events:
            if e.get("ph") != "M":
                continue
            if e.get("name") == "process_name":
                self.process_names[e["pid"]] = e["args"]["name"]
            elif e.get("name") == "thread_name":
                self.thread_names[(e["pid"], e["tid"])] = e["args"]["name"]


def _number(value):
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def structural_problems(trace, slices=None, flows=None, processes=None):
    """Every problem found, as a list of messages; empty when the file is valid."""
    problems = []
    tracks = defaultdict(list)
    for e in trace.slices:
        ts, dur = e.get("ts"), e.get("dur")
        if not (_number(ts) and _number(dur) and ts >= 0 and dur >= 0):
            problems.append(f"slice {e.get('name')!r} has ts={ts!r} dur={dur!r}; both must be numbers >= 0")
            continue
        if "pid" not in e or "tid" not in e:
            problems.append(f"slice {e.get('name')!r} has no pid/tid")
            continue
        tracks[(e["pid"], e["tid"])].append((ts, ts + dur, e.get("name") or ""))

    for key, track in sorted(tracks.items()):
        track.sort()
        for (s0, e0, n0), (s1, e1, n1) in zip(track, track[1:]):
            if s1 < e0:
                problems.append(f"track pid={key[0]} tid={key[1]}: {n1!r} starts at {s1} us before {n0!r} ends at {e0} us")
        if key not in trace.thread_names:
            problems.append(f"track pid={key[0]} tid={key[1]} has slices but no thread_name")
    for pid in sorted({pid for pid, _ in tracks}):
        if pid not in trace.process_names:
            problems.append(f"process {pid} has slices but no process_name")

    problems += _flow_problems(trace, tracks)

    if slices is not None and len(trace.slices) != slices:
        problems.append(f"{len(trace.slices)} slices in the file, expected {slices}")
    if flows is not None and len(trace.flow_starts) != flows:
        problems.append(f"{len(trace.flow_starts)} flows in the file, expected {flows}")
    if processes:
        names = [trace.process_names[pid] for pid in sorted(trace.process_names)]
        if names != list(processes):
            problems.append(f"process names {names}, expected {list(processes)}")
    return problems


def _enclosing(track, ts):
    """The (start, end, name) of the slice on `track` (sorted) that contains ts, or None."""
    i = bisect.bisect_right(track, (ts, float("inf"), "")) - 1
    # slices on a track do not overlap, so only the last two starting by ts can hold it (two: a
    # zero-length slice may sit at the end of the one before)
    for candidate in track[max(i - 1, 0):i + 1][::-1]:
        if candidate[0] <= ts <= candidate[1]:
            return candidate
    return None


def _flow_problems(trace, tracks):
    problems = []
    finishes = {}
    for e in trace.flow_finishes:
        if e.get("id") in finishes:
            problems.append(f"flow id {e.get('id')} finishes twice")
        finishes[e.get("id")] = e
        if e.get("bp") != "e":
            problems.append(f"flow id {e.get('id')} finish has bp={e.get('bp')!r}, expected 'e'")
    seen = set()
    for s in trace.flow_starts:
        fid = s.get("id")
        if fid in seen:
            problems.append(f"flow id {fid} starts twice")
            continue
        seen.add(fid)
        f = finishes.get(fid)
        if f is None:
            problems.append(f"flow id {fid} starts but never finishes")
            continue
        if (s.get("cat"), s.get("name")) != (f.get("cat"), f.get("name")):
            problems.append(f"flow id {fid}: start and finish differ in cat/name")
        out_slice = _enclosing(tracks.get((s.get("pid"), s.get("tid")), []), s.get("ts", -1))
        in_slice = _enclosing(tracks.get((f.get("pid"), f.get("tid")), []), f.get("ts", -1))
        if out_slice is None or in_slice is None:
            problems.append(f"flow id {fid} has an end outside every slice of its track")
        elif out_slice[1] > in_slice[0]:
            problems.append(f"flow id {fid} points back in time: {out_slice[2]!r} ends at {out_slice[1]} us, "
                            f"after {in_slice[2]!r} starts at {in_slice[0]} us")
    for fid in finishes.keys() - seen:
        problems.append(f"flow id {fid} finishes but never starts")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace")
    parser.add_argument("--slices", type=int, help="expected number of complete events (tasks of all runs)")
    parser.add_argument("--flows", type=int, help="expected number of flow arrows")
    parser.add_argument("--process", action="append", help="expected process name, in pid order (repeat)")
    args = parser.parse_args(argv)
    try:
        trace = TraceFile(args.trace)
    except (OSError, ValueError) as e:
        print(f"cannot read the trace: {e}", file=sys.stderr)
        return 2
    problems = structural_problems(trace, args.slices, args.flows, args.process)
    for p in problems[:50]:
        print(p, file=sys.stderr)
    if problems:
        print(f"{args.trace}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{args.trace}: valid ({len(trace.slices)} slices, {len(trace.flow_starts)} flows, "
          f"{len(trace.process_names)} processes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
