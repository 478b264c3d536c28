#!/usr/bin/env bash
# Generate bench data at small and full scale, each in a fresh database, and
# measure every public page type. See bench/README.md.
#
#   bench/run.sh                 # SQLite files /tmp/bench_small.sqlite3, /tmp/bench_full.sqlite3
#   bench/run.sh --postgres      # PostgreSQL databases bench_small, bench_full on 127.0.0.1:5432
#   bench/run.sh --requests 20   # fewer timed requests per page (default 50)
#   bench/run.sh --scales small  # only one scale
#   bench/run.sh --books         # also the catalogue bench: import 20,000 books, time book search
#   bench/run.sh --books-only    # only the catalogue bench
#   bench/run.sh --lending       # only the lending bench (PostgreSQL database bench_lending; see bench/lending.py)
#   bench/run.sh --postgres --no-lending   # pages only (--postgres runs the lending bench after the pages)
#   bench/run.sh --db-prefix hb_ # databases hb_small, hb_full, hb_books, hb_lending (default prefix bench_)
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PYTHON (.venv/bin/python),
# BENCH_DB_PREFIX (bench_; --db-prefix overrides it).
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
books=no
books_db=
lending=auto
prefix=${BENCH_DB_PREFIX:-bench_}
while [[ $# -gt 0 ]]; do
    case "$1" in
        --postgres) engine=postgres ;;
        --sqlite) engine=sqlite ;;
        --requests) requests=$2; shift ;;
        --scales) scales=$2; shift ;;
        --lending) lending=only ;;
        --no-lending) lending=no ;;
        --books) books=yes ;;
        --books-only) books=yes; scales=""; lending=no ;;
        --books-db) books_db=$2; shift ;;
        --db-prefix) prefix=$2; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done
if [[ ! $prefix =~ ^[a-z_][a-z0-9_]*$ ]]; then
    echo "--db-prefix: lower-case letters, digits and _ only: $prefix" >&2
    exit 2
fi
books_db=${books_db:-${prefix}books}

psql_admin() {
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -v ON_ERROR_STOP=1 -q "$@"
}

if [[ $lending == only ]]; then
    # Concurrent desks on PostgreSQL: loans/s, refusals, double loans (must be 0). Exits 1 on a double loan.
    exec "$PYTHON" bench/lending.py --db "${prefix}lending"
fi

# A fresh, empty database named $1 (PostgreSQL) or /tmp/$1.sqlite3; exports DATABASE_URL.
fresh_database() {
    local name=$1
    if [[ $engine == postgres ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"
        psql_admin -c "CREATE DATABASE $name ENCODING 'UTF8' TEMPLATE template0"
        export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$name"
    else
        local file=/tmp/$name.sqlite3
        rm -f "$file" "$file-wal" "$file-shm" "$file-journal"
        export DATABASE_URL="sqlite:///$file"
    fi
}

tables=()
for scale in $scales; do
    echo "=== $scale scale on $engine ==="
    fresh_database "$prefix$scale"

    started=$(date +%s)
    "$PYTHON" manage.py migrate --noinput -v 0
    echo "migrate: $(( $(date +%s) - started )) s"
    started=$(date +%s)
    # generate.py exits 1 when the data breaks a lending rule or a constraint: stop there.
    "$PYTHON" bench/generate.py --scale "$scale" | tee "/tmp/${prefix}$engine-$scale.generate"
    generated=$(( $(date +%s) - started ))
    echo "generation ($scale, $engine): $generated s, Python start-up included"

    out=/tmp/${prefix}$engine-$scale.table
    # measure.py exits 1 when a page is not 200; keep going so both tables print.
    "$PYTHON" bench/measure.py --requests "$requests" --label "$scale scale (generated in $generated s)" \
        --json "/tmp/${prefix}$engine-$scale.json" | tee "$out" || true
    tables+=("$out")
    echo
done

if [[ $books == yes ]]; then
    # The catalogue at DESIGN.md §5 scale: import 20,000 books, re-import them, time book search.
    echo "=== catalogue: 20,000 books on $engine ==="
    fresh_database "$books_db"
    "$PYTHON" manage.py migrate --noinput -v 0
    out=/tmp/${prefix}books-$engine.txt
    { "$PYTHON" bench/import_books.py --csv "/tmp/$books_db.csv" && "$PYTHON" bench/search_books.py; } | tee "$out" || true
    echo "(saved in $out)"
    echo
fi

if [[ ${#tables[@]} -gt 0 ]]; then
    echo "=== Results ($engine) ==="
    for table in "${tables[@]}"; do
        cat "$table"
        echo
    done
fi

# Query counts must not grow with the data (DESIGN.md §6).
if [[ " $scales " == *" small "* && " $scales " == *" full "* ]]; then
    "$PYTHON" - "/tmp/${prefix}$engine-small.json" "/tmp/${prefix}$engine-full.json" <<'EOF'
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
    elif qf > 15 and s.get("user") != "librarian":  # the desk is an admin screen, not a public page
        note = "  OVER BUDGET"
        ok = False
    print(f"  {s['page'] + ' (' + s.get('user', 'anonymous') + ')':<38} {str(qs):>4} -> {str(qf):<4}{note}")
print("OK" if ok else "Not OK")
EOF
fi

if [[ $engine == postgres && $lending == auto ]]; then
    echo
    echo "=== Lending under 16 concurrent desks (postgres) ==="
    "$PYTHON" bench/lending.py --db "${prefix}lending"
fi
