#!/usr/bin/env bash
# Generate bench data at small and full scale, each in a fresh database, and
# measure every public page type. See bench/README.md.
#
#   bench/run.sh                 # SQLite files /tmp/bench_small.sqlite3, /tmp/bench_full.sqlite3
#   bench/run.sh --postgres      # PostgreSQL databases bench_small, bench_full on 127.0.0.1:5432
#   bench/run.sh --requests 20   # fewer timed requests per page (default 50)
#   bench/run.sh --scales small  # only one scale
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PYTHON (.venv/bin/python).
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}

engine=sqlite
requests=50
scales="small full"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --postgres) engine=postgres ;;
        --sqlite) engine=sqlite ;;
        --requests) requests=$2; shift ;;
        --scales) scales=$2; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

psql_admin() {
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -v ON_ERROR_STOP=1 -q "$@"
}

tables=()
for scale in $scales; do
    echo "=== $scale scale on $engine ==="
    if [[ $engine == postgres ]]; then
        db=bench_$scale
        psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
        psql_admin -c "CREATE DATABASE $db ENCODING 'UTF8' TEMPLATE template0"
        export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$db"
    else
        db=/tmp/bench_$scale.sqlite3
        rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
        export DATABASE_URL="sqlite:///$db"
    fi

    started=$(date +%s)
    "$PYTHON" manage.py migrate --noinput -v 0
    echo "migrate: $(( $(date +%s) - started )) s"
    "$PYTHON" bench/generate.py --scale "$scale"

    out=/tmp/bench-$engine-$scale.table
    # measure.py exits 1 when a page is not 200; keep going so both tables print.
    "$PYTHON" bench/measure.py --requests "$requests" --label "$scale scale" \
        --json "/tmp/bench-$engine-$scale.json" | tee "$out" || true
    tables+=("$out")
    echo
done

echo "=== Results ($engine) ==="
for table in "${tables[@]}"; do
    cat "$table"
    echo
done

# Query counts must not grow with the data (DESIGN.md §6).
if [[ " $scales " == *" small "* && " $scales " == *" full "* ]]; then
    "$PYTHON" - "/tmp/bench-$engine-small.json" "/tmp/bench-$engine-full.json" <<'EOF'
import json, sys
small, full = (json.load(open(p))["rows"] for p in sys.argv[1:3])
print("Query counts, small -> full (must be equal and at most 15):")
ok = True
for s, f in zip(small, full):
    qs, qf = s.get("queries"), f.get("queries")
    note = ""
    if qs is None or qf is None:
        note = "  (not measured)"
        ok = False
    elif qs != qf:
        note = "  GROWS WITH DATA"
        ok = False
    elif qf > 15:
        note = "  OVER BUDGET"
        ok = False
    print(f"  {s['page']:<16} {str(qs):>4} -> {str(qf):<4}{note}")
print("OK" if ok else "Not OK")
EOF
fi
