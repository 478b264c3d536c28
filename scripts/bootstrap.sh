# Sourced by the other scripts: make .venv with every pinned dependency.
# Installs $BOOTSTRAP_REQUIREMENTS: requirements.txt (what production runs; the demo) unless the
# caller asks for requirements-dev.txt (that plus tests and tooling; scripts/test sets it).
# Re-installs only when the requirements changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
requirements="${BOOTSTRAP_REQUIREMENTS:-requirements.txt}"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv || {
        echo "无法创建虚拟环境：请先安装 python3-venv（apt-get install python3-venv）。" >&2
        exit 1
    }
fi
# The stamp holds the file last installed and the checksum of both files (requirements-dev.txt
# includes requirements.txt). A dev install also covers the production requirements.
stamp=.venv/.requirements.sha256
checksum=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
installed=$(cat "$stamp" 2>/dev/null || true)
if [ "$installed" != "$requirements $checksum" ] && [ "$installed" != "requirements-dev.txt $checksum" ]; then
    echo "==> 安装依赖 ($requirements)…"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r "$requirements"
    echo "$requirements $checksum" > "$stamp"
fi
