"""Alembic 1.8's revision graph on the DAG of the graph benchmark (Plinth's GraphBench).

Usage: /usr/bin/python3 bench/alembic/graph_bench.py DIR [HEADS_REPEATS [PLAN_REPEATS]]

Reads DIR/dag.txt (written by dev.plinth.bench.migrate.DagGenerator) and times, each on a fresh
RevisionMap as a fresh `alembic` process would build it:
  heads: RevisionMap(...).heads (builds and checks the map);
  heads+plan: the same, then the steps of `upgrade heads` from an empty database as
  ScriptDirectory._upgrade_revs builds them (iterate_revisions(..., implicit_base=True), reversed,
  one RevisionStep each), and the version-table rows after each step as HeadMaintainer computes
  them (its SQL left out).
Prints JSON with the median seconds of each, and whether the plan (order and rows after each
step) equals DIR/plinth-plan.txt.
"""

import json
import statistics
import sys
import time
import types

from alembic.runtime.migration import HeadMaintainer, MigrationStep
from alembic.script.revision import Revision, RevisionMap


class RowsOnly(HeadMaintainer):
    """HeadMaintainer's bookkeeping of the version-table rows, without a database."""

    def __init__(self):
        super().__init__(None, ())

    def _insert_version(self, version):
        self.heads.add(version)

    def _delete_version(self, version):
        self.heads.remove(version)

    def _update_version(self, from_, to_):
        self.heads.remove(from_)
        self.heads.add(to_)


class Script(Revision):
    """A revision with the module a RevisionStep reads (Alembic's Script, without a file)."""

    module = types.SimpleNamespace(upgrade=None, downgrade=None)


def load(path):
    revisions = []
    for line in open(path):
        rev, *down = line.split()
        revisions.append((rev, tuple(down) if len(down) > 1 else (down[0] if down else None)))
    return revisions


def fresh_map(revisions):
    return RevisionMap(lambda: [Script(rev, down) for rev, down in revisions])


def heads(revisions):
    return fresh_map(revisions).heads


def heads_and_plan(revisions):
    rmap = fresh_map(revisions)
    rmap.heads
    revs = rmap.iterate_revisions("heads", None, implicit_base=True)
    steps = [MigrationStep.upgrade_from_script(rmap, r) for r in reversed(list(revs))]
    rows = RowsOnly()
    plan = []
    for step in steps:
        rows.update_to_step(step)
        plan.append(f"{step.revision.revision} {','.join(sorted(rows.heads))}")
    return plan


def timed(fn, arg, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(arg)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(directory, heads_repeats="3", plan_repeats="1"):
    revisions = load(f"{directory}/dag.txt")
    heads_s, head_ids = timed(heads, revisions, int(heads_repeats))
    plan_s, plan = timed(heads_and_plan, revisions, int(plan_repeats))
    plinth_plan = [line.rstrip("\n") for line in open(f"{directory}/plinth-plan.txt")]
    print(json.dumps({
        "revisions": len(revisions),
        "heads": len(head_ids),
        "steps": len(plan),
        "heads_s": heads_s,
        "heads_and_plan_s": plan_s,
        "same_plan_as_plinth": plan == plinth_plan,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:])
