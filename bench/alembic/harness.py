"""Times whole processes side by side for bench/run-migrate.sh: interleaved rounds, medians.

Usage: /usr/bin/python3 bench/alembic/harness.py upgrade|heads OPTIONS (see run-migrate.sh)

upgrade: each round runs every contender on every backend once, in a rotating order, on a fresh
database (a new SQLite file; a PostgreSQL database created before and dropped after the run), and
checks afterwards that the last revision's table holds its three rows. heads: runs each command
in turn. Only the contender's process is timed (fork to exit), never the set-up around it.
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


def upgrade_command(contender, backend, target, args):
    """The command line of one contender on one backend's fresh database."""
    pg = f"{args.pg_host}:{args.pg_port}/{PG_DB}"
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["upgrade", "heads"])
    p.add_argument("--out", required=True, help="where the log and the JSON results go")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--dir", help="the generated chain (plinth/, flyway/, alembic/)")
    p.add_argument("--revisions", type=int, default=1000)
    p.add_argument("--contenders", default="plinth,alembic,flyway")
    p.add_argument("--backends", default="sqlite,postgresql")
    p.add_argument("--bench-jar")
    p.add_argument("--plinth-cli", help="the CLI jar; without it Plinth runs through its Java API")
    p.add_argument("--pg-host", default="127.0.0.1")
    p.add_argument("--pg-port", default="5432")
    p.add_argument("--pg-user", default="postgres")
    p.add_argument("--command", action="append", default=[], help="heads: NAME=SHELL COMMAND")
    args = p.parse_args()
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
