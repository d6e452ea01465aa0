"""Ask the real Alembic 1.8 what it does with each graph of the cross-check corpus.

Run with Debian's interpreter, which is the one that can import python3-alembic:

    PYTHONHASHSEED=0 /usr/bin/python3 db-migrate/src/test/alembic/generate_expected.py

For every graphs/NAME.json it writes NAME.expected next to it: the revisions in declaration
order, Alembic's heads, bases and history, and for each query the steps of the plan with the
version-table rows after every step (or Alembic's error). RevisionGraphAlembicTest compares
Plinth's answers with these files. The expected files are checked in; rerun this script after
changing a graph.

    PYTHONHASHSEED=0 /usr/bin/python3 db-migrate/src/test/alembic/generate_expected.py --relative DIR

writes the relative-target corpus into DIR instead: for every valid graph of up to 12 revisions
and for seeded random graphs, every relative target form (-N, +N, rev+N, rev-N, rev@-N,
label@+N, label@rev-N, head, heads, base, ...) asked up and down from every version-table state
an upgrade can reach. RelativeTargetsAlembicTest runs this at test time (a few seconds), so the
corpus is not checked in.
"""

import glob
import itertools
import json
import os
import random
import shutil
import sys
import tempfile

import alembic
import alembic.script.base
from alembic.runtime.migration import HeadMaintainer
from alembic.script import ScriptDirectory

# Alembic 1.8.1 loads revision files in the order os.listdir returns them, and that order breaks
# ties in heads and between independent branches. ext4 lists in hash order, so make the listing
# sorted: Alembic then behaves exactly as on a directory that lists the files in declaration order.
_real_listdir = os.listdir
alembic.script.base.os.listdir = lambda path: sorted(_real_listdir(path))

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "resources", "alembic-crosscheck", "graphs")


class RowTracker(HeadMaintainer):
    """Alembic's own head bookkeeping, with rows kept in a set instead of a table."""

    def __init__(self, heads):
        super().__init__(context=None, heads=heads)

    def _insert_version(self, version):
        assert version not in self.heads
        self.heads.add(version)

    def _delete_version(self, version):
        self.heads.remove(version)

    def _update_version(self, from_, to_):
        assert to_ not in self.heads
        self.heads.remove(from_)
        self.heads.add(to_)


def write_scripts(directory, revisions):
    versions = os.path.join(directory, "versions")
    os.makedirs(versions)
    for position, rev in enumerate(revisions):
        # Zero-padded names: sorted() below lists them in declaration order.
        name = os.path.join(versions, "%05d_%s.py" % (position, rev["id"]))
        with open(name, "w") as f:
            f.write("revision = %r\n" % rev["id"])
            f.write("down_revision = %r\n" % (tuple(rev.get("down", [])) or None,))
            f.write("branch_labels = %r\n" % (tuple(rev.get("labels", [])) or None,))
            f.write("depends_on = %r\n" % (tuple(rev.get("depends_on", [])) or None,))
            f.write("def upgrade():\n    pass\n")
            f.write("def downgrade():\n    pass\n")



def rows(heads):
    return ",".join(sorted(heads)) or "-"


def run_query(script, query):
    """Alembic's plan for the query, or its error.

    A plan Alembic makes but whose version-table bookkeeping then fails (its HeadMaintainer
    deleting a row that is not there, with a merge that names an ancestor of its other parent)
    has the rows after that step and every later one as "?", and a crash line with the error.
    """
    current = tuple(query.get("current", []))
    target = query["target"]
    # Plinth's comma-separated upgrade targets are Alembic's tuple of targets; a downgrade target
    # is one string in both, as Alembic's command line passes it.
    alembic_target = tuple(target.split(",")) if "," in target else target
    try:
        if query["op"] == "upgrade":
            steps = script._upgrade_revs(alembic_target, current)
        else:
            steps = script._downgrade_revs(target, current)
    except Exception as e:  # Alembic raises CommandError, RevisionError, assertions
        return ["\terror\t%s" % describe(e)]
    tracker = RowTracker(current)
    lines = []
    crash = None
    for step in steps:
        direction = "up" if step.is_upgrade else "down"
        if crash is None:
            try:
                tracker.update_to_step(step)
            except Exception as e:
                crash = describe(e)
        after = "?" if crash else rows(tracker.heads)
        lines.append("\tstep\t%s\t%s\t%s" % (step.revision.revision, direction, after))
    if crash:
        lines.append("\tcrash\t%s" % crash)
    return lines


def describe(error):
    return "%s: %s" % (type(error).__name__, str(error).replace("\n", " "))


def auto_queries(revisions, script):
    """Plans from empty to every revision and from every such state to heads and back."""
    ids = [r["id"] for r in revisions]
    queries = [{"op": "upgrade", "current": [], "target": "heads"}]
    full = None
    try:
        tracker = RowTracker(())
        for step in script._upgrade_revs("heads", ()):
            tracker.update_to_step(step)
        full = sorted(tracker.heads)
    except Exception:
        return queries
    queries.append({"op": "downgrade", "current": full, "target": "base"})
    for rev in ids:
        queries.append({"op": "upgrade", "current": [], "target": rev})
        queries.append({"op": "downgrade", "current": full, "target": rev})
        tracker = RowTracker(())
        try:
            for step in script._upgrade_revs(rev, ()):
                tracker.update_to_step(step)
        except Exception:
            continue
        queries.append({"op": "upgrade", "current": sorted(tracker.heads), "target": "heads"})
        queries.append({"op": "downgrade", "current": sorted(tracker.heads), "target": "base"})
    return queries


def reachable_states(revisions, script):
    """The version-table rows after upgrading from empty to heads, each revision, each pair and,
    on graphs of up to eight revisions, each triple.

    Each state with several rows comes twice, in both orders: Alembic's ``downgrade -N`` starts
    from the first row, so the order is part of the question.
    """
    ids = [r["id"] for r in revisions]
    states = [()]
    targets = [("heads",)] + [(rev,) for rev in ids] + list(itertools.combinations(ids, 2))
    if len(ids) <= 8:
        targets += list(itertools.combinations(ids, 3))
    for target in targets:
        tracker = RowTracker(())
        try:
            for step in script._upgrade_revs(target if len(target) > 1 else target[0], ()):
                tracker.update_to_step(step)
        except Exception:
            continue
        state = tuple(sorted(tracker.heads))
        if state not in states:
            states.append(state)
    states += [tuple(reversed(s)) for s in states if len(s) > 1]
    return states


def relative_targets(revisions):
    """Upgrade and downgrade targets in every relative form Alembic parses, plus the symbols and
    comma-separated lists (Alembic's tuple targets) with and without a relative part."""
    ids = [r["id"] for r in revisions]
    labels = [label for r in revisions for label in r.get("labels", [])]
    common = ["heads", "head", "base", "+1", "+2", "+3", "-1", "-2", "-3", "+0", "-0"]
    for label in labels:
        common += ["%s@+1" % label, "%s@+2" % label, "%s@-1" % label, "%s@-2" % label,
                   "%s@head" % label, "%s@heads" % label, "%s@base" % label]
    for rev in ids:
        common += ["%s+1" % rev, "%s+2" % rev, "%s-1" % rev, "%s-2" % rev,
                   "%s@+1" % rev, "%s@-1" % rev, "%s@head" % rev]
        common += ["%s+1" % rev[:-1], "%s-1" % rev[:-1]]
        common += ["%s@%s+1" % (label, rev) for label in labels]
        common += ["%s@%s-1" % (label, rev) for label in labels]
    for first, second in itertools.combinations(ids, 2):
        common += ["%s,%s" % (first, second)]
    common += ["%s,+1" % rev for rev in ids[:3]] + ["heads,%s-1" % ids[-1], "-1,%s" % ids[0]]
    return common


def relative_queries(revisions, script):
    """Every relative target from every reachable version-table state, up and down."""
    targets = relative_targets(revisions)
    return [{"op": op, "current": list(state), "target": target}
            for state in reachable_states(revisions, script)
            for op in ("upgrade", "downgrade")
            for target in targets]


def random_relative_graph(seed):
    """A small seeded DAG with branches, merges, several bases, labels and depends_on."""
    rnd = random.Random(seed)
    revisions = []
    for i in range(rnd.randint(7, 11)):
        rev = {"id": "r%d%06d" % (seed, i)}
        earlier = [r["id"] for r in revisions]
        roll = rnd.random()
        if earlier and roll < 0.7:
            rev["down"] = [rnd.choice(earlier[-4:])]
        elif len(earlier) > 1 and roll < 0.85:
            rev["down"] = rnd.sample(earlier, 2)
        if len(earlier) > 2 and rnd.random() < 0.2:
            dep = rnd.choice(earlier)
            if dep not in rev.get("down", []):
                rev["depends_on"] = [dep]
        if rnd.random() < 0.2:
            rev["labels"] = ["lab%d" % i]
        revisions.append(rev)
    return {"description": "Seeded random DAG %d for relative targets." % seed,
            "revisions": revisions}


RANDOM_RELATIVE_SEEDS = range(1, 9)


def hand_queries(graph, script):
    """The graph's own queries and, unless it says ``"auto": false``, the automatic ones."""
    queries = list(graph.get("queries", []))
    if graph.get("auto", True):
        queries += auto_queries(graph["revisions"], script)
    return queries


def relative_queries_of(graph, script):
    return relative_queries(graph["revisions"], script)


def generate(graph, source, queries_of):
    revisions = graph["revisions"]
    ids = [r["id"] for r in revisions]
    out = ["# generated by generate_expected.py with Alembic %s from %s; do not edit"
           % (alembic.__version__, source)]
    for rev in revisions:
        out.append("revision\t%s\t%s\t%s\t%s" % (
            rev["id"],
            ",".join(rev.get("down", [])) or "-",
            ",".join(rev.get("labels", [])) or "-",
            ",".join(rev.get("depends_on", [])) or "-"))
    directory = tempfile.mkdtemp(prefix="plinth-alembic-")
    try:
        write_scripts(directory, revisions)
        script = ScriptDirectory(directory)
        try:
            loaded = [k for k in script.revision_map._revision_map if k and k in ids]
            assert loaded == ids, "Alembic did not load in declaration order: %s" % loaded
        except AssertionError:
            raise
        except Exception:
            pass  # an invalid graph: reported below
        try:
            heads = script.get_heads()
            bases = script.get_bases()
            history = [s.revision for s in script.walk_revisions()]
        except Exception as e:
            out.append("graph-error\t%s: %s" % (type(e).__name__, str(e).replace("\n", " ")))
            return out
        out.append("heads\t%s" % ",".join(heads))
        out.append("bases\t%s" % ",".join(bases))
        out.append("history\t%s" % ",".join(history))
        for query in queries_of(graph, script):
            out.append("%s\t%s\t%s" % (query["op"], ",".join(query.get("current", [])) or "-",
                                       query["target"]))
            out.extend(run_query(script, query))
        return out
    finally:
        shutil.rmtree(directory)


def write(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%-40s %d lines" % (os.path.basename(path), len(lines)))


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("run with PYTHONHASHSEED=0 so that Alembic's set iteration is reproducible")
    relative = sys.argv[1:2] == ["--relative"]
    for path in sorted(glob.glob(os.path.join(CORPUS, "*.json"))):
        with open(path) as f:
            graph = json.load(f)
        name = os.path.basename(path)
        if not relative:
            write(path[: -len(".json")] + ".expected", generate(graph, name, hand_queries))
        elif len(graph["revisions"]) <= 12 and not name.startswith("error_"):
            out = os.path.join(sys.argv[2], name[: -len(".json")] + ".expected")
            write(out, generate(graph, name, relative_queries_of))
    if relative:
        for seed in RANDOM_RELATIVE_SEEDS:
            out = os.path.join(sys.argv[2], "random_relative_%d.expected" % seed)
            write(out, generate(random_relative_graph(seed), "seed %d" % seed, relative_queries_of))


if __name__ == "__main__":
    main()
