"""Times whole processes side by side for bench/run-migrate.sh: interleaved rounds, medians.

Usage: /usr/bin/python3 bench/alembic/harness.py upgrade|heads OPTIONS (see run-migrate.sh)

upgrade: each round runs every contender on every backend once, in a rotating order, on a fresh
database (a new SQLite file; a PostgreSQL database created before and dropped after the run), and
checks afterwards that the last revision's table holds its three rows. heads: runs each command
in turn. Only the contender's process is timed (fork to exit), never the set-up around it.

The contender "raw" is the floor: the same statements and a one-row version-table UPDATE per
revision, one transaction each, replayed by the database's own command-line client (psql;
sqlite3 in WAL mode, Plinth's journal mode), so no migration tool could do the same work faster.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PG_DB = "plinth_migbench"


def pg_admin(sql, args):
    import psycopg2

    c = psycopg2.connect(host=args.pg_host, port=args.pg_port, user=args.pg_user, dbname="postgres")
    c.autocommit = True
    try:
        c.cursor().execute(sql)
    finally:
        c.close()


def pg_count(args, table):
    import psycopg2

    c = psycopg2.connect(host=args.pg_host, port=args.pg_port, user=args.pg_user, dbname=PG_DB)
    try:
        cur = c.cursor()
        cur.execute(f"SELECT count(*) FROM {table}")
        return cur.fetchone()[0]
    finally:
        c.close()


def sqlite_count(path, table):
    import sqlite3

    c = sqlite3.connect(path)
    try:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        c.close()


def raw_script(plinth_dir, wal):
    """The replay of the chain for the raw contender: its statements, one transaction each."""
    out = ["PRAGMA journal_mode=WAL;"] if wal else []
    out.append("CREATE TABLE raw_version (version_num VARCHAR(32) PRIMARY KEY);")
    out.append("INSERT INTO raw_version VALUES ('base');")
    before = "base"
    for path in sorted(os.listdir(plinth_dir)):
        text = open(os.path.join(plinth_dir, path), encoding="utf-8").read()
        revision = text.split("-- revision:", 1)[1].split("\n", 1)[0].strip()
        upgrade = text.split("-- +upgrade\n", 1)[1].split("-- +downgrade", 1)[0].strip()
        out += ["BEGIN;", upgrade,
                f"UPDATE raw_version SET version_num = '{revision}' WHERE version_num = '{before}';",
                "COMMIT;"]
        before = revision
    return "\n".join(out) + "\n"


def upgrade_command(contender, backend, target, args):
    """The command line of one contender on one backend's fresh database."""
    pg = f"{args.pg_host}:{args.pg_port}/{PG_DB}"
    if contender == "raw":
        script = os.path.join(args.out, f"raw-{backend}.sql")
        if not os.path.exists(script):
            with open(script, "w") as f:
                f.write(raw_script(os.path.join(args.dir, "plinth"), backend == "sqlite"))
        if backend == "sqlite":
            return ["sh", "-c", f'sqlite3 "{target}" < "{script}" > /dev/null']
        return ["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", args.pg_host, "-p", args.pg_port,
                "-U", args.pg_user, "-d", PG_DB, "-f", script]
    if contender == "alembic":
        url = f"sqlite:///{target}" if backend == "sqlite" else f"postgresql://{args.pg_user}@{pg}"
        return [
            "/usr/bin/python3", "-m", "alembic", "-c", os.path.join(args.dir, "alembic", "alembic.ini"),
            "-x", f"url={url}", "upgrade", "heads",
        ]
    url = f"jdbc:sqlite:{target}" if backend == "sqlite" else f"jdbc:postgresql://{pg}?user={args.pg_user}"
    if contender == "flyway":
        return ["java", "-cp", args.bench_jar, "dev.plinth.bench.migrate.FlywayUpgrade", url,
                os.path.join(args.dir, "flyway")]
    plinth = os.path.join(args.dir, "plinth")
    if contender == "launcher":
        return [args.launcher, "--url", url, "--locations", f"filesystem:{plinth}", "upgrade", "heads"]
    if args.plinth_cli:
        return ["java", "-jar", args.plinth_cli, "--url", url, "--locations", f"filesystem:{plinth}",
                "upgrade", "heads"]
    return ["java", "-cp", args.bench_jar, "dev.plinth.bench.migrate.PlinthUpgrade", url, plinth]


def timed(cmd, log):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed (exit {done.returncode}): {' '.join(cmd)}; see {log.name}")
    return took


def run_upgrade(args):
    contenders = args.contenders.split(",")
    backends = args.backends.split(",")
    last_table = f"t{args.revisions:05d}"
    times = {(c, b): [] for c in contenders for b in backends}
    loads = []
    with tempfile.TemporaryDirectory() as tmp, open(os.path.join(args.out, "upgrade.log"), "w") as log:
        for rnd in range(args.rounds):
            loads.append(os.getloadavg()[0])
            pairs = [(c, b) for b in backends for c in contenders]
            shift = rnd % len(pairs)
            for contender, backend in pairs[shift:] + pairs[:shift]:
                target = os.path.join(tmp, f"{contender}-{rnd}.db")
                if backend == "postgresql":
                    pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)", args)
                    pg_admin(f"CREATE DATABASE {PG_DB}", args)
                cmd = upgrade_command(contender, backend, target, args)
                log.write(f"== round {rnd} {contender} {backend}: {' '.join(cmd)}\n")
                log.flush()
                took = timed(cmd, log)
                rows = pg_count(args, last_table) if backend == "postgresql" else sqlite_count(target, last_table)
                if rows != 3:
                    sys.exit(f"{contender} on {backend}: {last_table} holds {rows} rows, not 3")
                if backend == "postgresql":
                    pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)", args)
                else:
                    for suffix in ("", "-wal", "-shm"):
                        if os.path.exists(target + suffix):
                            os.remove(target + suffix)
                times[(contender, backend)].append(took)
                print(f"round {rnd + 1}/{args.rounds} {contender:8} {backend:10} {took:7.2f} s  "
                      f"load {os.getloadavg()[0]:.2f}", file=sys.stderr)
        loads.append(os.getloadavg()[0])
    return times, loads


def run_heads(args):
    commands = dict(c.split("=", 1) for c in args.command)
    times = {name: [] for name in commands}
    loads = []
    with open(os.path.join(args.out, "heads.log"), "w") as log:
        for rnd in range(args.rounds):
            loads.append(os.getloadavg()[0])
            names = list(commands)
            shift = rnd % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(timed(["sh", "-c", commands[name]], log))
        loads.append(os.getloadavg()[0])
    return times, loads


def report(args):
    """Prints the tables of run-migrate.sh from the JSON files in --out."""
    out = args.out
    up = json.load(open(os.path.join(out, "upgrade.json")))
    med = up["medians"]
    print(f"\n1. upgrade heads, {args.revisions}-revision chain, whole process, median of "
          f"{len(next(iter(up['runs'].values())))} interleaved rounds "
          f"(load average {min(up['load_per_round']):.1f}-{max(up['load_per_round']):.1f})\n")
    print("| contender | sqlite s | postgresql s | sqlite / alembic | postgresql / alembic |")
    print("|---|---|---|---|---|")
    for c in args.contenders.split(","):
        cells = []
        for b in ("sqlite", "postgresql"):
            cells.append(f"{med[c + '/' + b]:.2f}" if c + "/" + b in med else "-")
        ratios = []
        for b in ("sqlite", "postgresql"):
            k, a = c + "/" + b, "alembic/" + b
            ratios.append(f"{med[k] / med[a]:.2f}" if k in med and a in med else "-")
        print(f"| {c} | {' | '.join(cells)} | {' | '.join(ratios)} |")

    jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(os.path.join(out, "graph-jmh.json")))}
    py = json.load(open(os.path.join(out, "graph-alembic.json")))
    print(f"\n2. revision graph, {py['revisions']} revisions ({py['heads']} heads), in-process; "
          f"same plan as Alembic: {py['same_plan_as_plinth']}\n")
    print("| operation | Plinth ms (JMH, ± 99.9 %) | Alembic ms | Plinth / Alembic |")
    print("|---|---|---|---|")
    for name, key in (("heads", "heads_s"), ("headsAndPlan", "heads_and_plan_s")):
        m = jmh[name]
        print(f"| {name} | {m['score']:.1f} ± {float(m['scoreError']):.1f} | {py[key] * 1000:.0f} "
              f"| {m['score'] / (py[key] * 1000):.3f} |")

    hd = json.load(open(os.path.join(out, "heads.json")))
    print(f"\n3. `heads` on {args.revisions} files, whole process, median of "
          f"{len(next(iter(hd['runs'].values())))} interleaved runs "
          f"(load average {min(hd['load_per_round']):.1f}-{max(hd['load_per_round']):.1f})\n")
    print("| command | median s | min s | / alembic |")
    print("|---|---|---|---|")
    for name, runs in hd["runs"].items():
        print(f"| {name} | {statistics.median(runs):.2f} | {min(runs):.2f} "
              f"| {statistics.median(runs) / hd['medians']['alembic']:.2f} |")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["upgrade", "heads", "report"])
    p.add_argument("--out", required=True, help="where the log and the JSON results go")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--dir", help="the generated chain (plinth/, flyway/, alembic/)")
    p.add_argument("--revisions", type=int, default=1000)
    p.add_argument("--contenders", default="plinth,alembic,flyway,raw")
    p.add_argument("--backends", default="sqlite,postgresql")
    p.add_argument("--bench-jar")
    p.add_argument("--plinth-cli", help="the CLI jar; without it Plinth runs through its Java API")
    p.add_argument("--launcher", help="bin/plinth-migrate of the unpacked distribution")
    p.add_argument("--pg-host", default="127.0.0.1")
    p.add_argument("--pg-port", default="5432")
    p.add_argument("--pg-user", default="postgres")
    p.add_argument("--command", action="append", default=[], help="heads: NAME=SHELL COMMAND")
    args = p.parse_args()
    if args.mode == "report":
        report(args)
        return
    times, loads = run_upgrade(args) if args.mode == "upgrade" else run_heads(args)
    result = {
        "runs": {"/".join(k) if isinstance(k, tuple) else k: v for k, v in times.items()},
        "medians": {"/".join(k) if isinstance(k, tuple) else k: statistics.median(v) for k, v in times.items()},
        "load_per_round": loads,
    }
    with open(os.path.join(args.out, f"{args.mode}.json"), "w") as f:
        json.dump(result, f, indent=1)
    json.dump(result["medians"], sys.stdout)
    print()


if __name__ == "__main__":
    main()
