#!/usr/bin/env python3
"""Runs Jupyter notebooks headless and fails if any cell fails.

usage: nbrun.py [--out-dir DIR] [--timeout SEC] NOTEBOOK...   execute each notebook
       nbrun.py --clear NOTEBOOK...         strip outputs in place (before committing)
       nbrun.py --check-clean NOTEBOOK...   exit 1 if any notebook carries outputs

Each notebook runs top to bottom in a fresh kernel (the one its metadata names), with the
notebook's folder as working directory. The executed copy, outputs included (also when a cell
fails), goes to DIR/<name>.ipynb and the kernel's log to DIR/<name>.kernel.log; the notebook
itself is never changed. Prints one line per notebook, the failing cell's error, and a summary.
Exit status: 0 if every notebook passed, else 1.
"""
import argparse
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
TRACEBACK_LINES = 15


def execute(path, out_dir, timeout):
    """Executes one notebook, writes the executed copy and returns whether every cell passed."""
    nb = nbformat.read(path, as_version=4)
    name = os.path.basename(path)
    client = NotebookClient(
        nb, timeout=timeout, startup_timeout=180, kernel_name=nb.metadata.get("kernelspec", {}).get("name", "java"),
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        shutdown_kernel="immediate", record_timing=False, coalesce_streams=True)
    os.makedirs(out_dir, exist_ok=True)
    kernel_log = os.path.join(out_dir, os.path.splitext(name)[0] + ".kernel.log")
    start = time.monotonic()
    cell_index, problem = None, None
    try:
        # the kernel's own log (and a crashing JVM's last words) go to a file, not between the results
        with open(kernel_log, "w") as log, client.setup_kernel(stderr=log):
            for cell_index, cell in enumerate(nb.cells):
                client.execute_cell(cell, cell_index)
    except CellExecutionError:
        problem = "the cell raised an error"
    except CellTimeoutError:
        problem = f"ran longer than {timeout} s"
    except DeadKernelError:
        problem = "the kernel died (System.exit, a crash or out of memory)"
    except Exception as e:  # e.g. the kernel did not start
        problem = f"{type(e).__name__}: {e}"
    seconds = time.monotonic() - start
    nbformat.write(nb, os.path.join(out_dir, name))
    if problem is None:
        print(f"{name}: ok in {seconds:.1f} s", flush=True)
        return True
    # cells counted from 1, markdown included, as they appear top to bottom
    where = f"cell {cell_index + 1}" if cell_index is not None else "kernel start"
    print(f"{name}: FAILED in {where} after {seconds:.1f} s: {problem}")
    if cell_index is not None:
        source = nb.cells[cell_index].source.strip().splitlines()
        print(f"  {where} begins: {source[0] if source else ''}")
        # the kernel's readable message is in the cell's error output, not in nbclient's exception
        for out in nb.cells[cell_index].get("outputs", []):
            if out.get("output_type") == "error":
                print(f"  {out.get('ename')}: {out.get('evalue')}")
                for line in out.get("traceback", [])[:TRACEBACK_LINES]:
                    print("    " + ANSI_ESCAPE.sub("", line))
    print(f"  executed copy: {os.path.join(out_dir, name)}; kernel log: {kernel_log}", flush=True)
    return False


def strip_outputs(nb):
    """Removes outputs, execution counts and execution metadata; returns whether there were any."""
    changed = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None or "execution" in cell.metadata:
            changed = True
        cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    return changed


def main():
    parser = argparse.ArgumentParser(description="Run Jupyter notebooks headless; fail if any cell fails.")
    parser.add_argument("--out-dir", default="target/notebooks", help="where executed copies go (default: %(default)s)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default: %(default)s)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--clear", action="store_true", help="strip outputs in place")
    mode.add_argument("--check-clean", action="store_true", help="fail if a notebook carries outputs")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    missing = [path for path in args.notebooks if not os.path.isfile(path)]
    if missing:
        parser.error("no such notebook: " + ", ".join(missing))

    if args.clear or args.check_clean:
        dirty = []
        for path in args.notebooks:
            nb = nbformat.read(path, as_version=4)
            if strip_outputs(nb):
                dirty.append(path)
                if args.clear:
                    nbformat.write(nb, path)
        for path in dirty:
            if args.clear:
                print(f"cleared {path}")
            else:
                print(f"{path} carries outputs; strip them with: notebooks/.venv/bin/python notebooks/nbrun.py --clear {path}")
        return 1 if dirty and args.check_clean else 0

    start = time.monotonic()
    failed = [path for path in args.notebooks if not execute(path, args.out_dir, args.timeout)]
    print(f"notebooks: {len(args.notebooks) - len(failed)} passed, {len(failed)} failed, {time.monotonic() - start:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
