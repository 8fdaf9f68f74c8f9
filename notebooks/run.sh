#!/usr/bin/env bash
# Executes the research notebooks headless on the relucad kernel.
#
#   bash notebooks/run.sh check  [NOTEBOOK.ipynb ...]   # default: fail on any cell error or stale output
#   bash notebooks/run.sh update [NOTEBOOK.ipynb ...]   # rewrite the committed notebooks with fresh outputs
#
# Steps: (a) build bin/relucad; (b) install its kernelspec into a private
# JUPYTER_PATH under a temporary directory (nothing outside the repository and
# that directory is touched: Jupyter's config, data and runtime directories
# point there too); (c) run every notebook top to bottom with
# `jupyter nbconvert --to notebook --execute` (60 s per cell, any cell error
# fails); (d) check mode compares the fresh outputs with the committed ones
# after normalizing volatile content (execution counts, timings, memory
# addresses) and fails on a difference; update mode writes the fresh
# notebooks back.
#
# Needs Go and Debian's jupyter-nbconvert (which brings python3-nbconvert,
# python3-nbclient, python3-nbformat and python3-jupyter-client); when they
# are missing and we may install (root or sudo), they are installed.
set -euo pipefail

mode=${1:-check}
case "$mode" in
check | update) shift || true ;;
-h | --help)
	sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
	;;
*)
	echo "usage: bash notebooks/run.sh [check|update] [NOTEBOOK.ipynb ...]" >&2
	exit 2
	;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

have_jupyter() {
	command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1 &&
		"$PY" -c 'import nbformat, nbclient' >/dev/null 2>&1
}
if ! have_jupyter; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	if [ -n "$sudo" ] && ! command -v sudo >/dev/null 2>&1; then
		echo "notebooks: need Debian's jupyter-nbconvert (apt-get install jupyter-nbconvert)" >&2
		exit 1
	fi
	echo "notebooks: installing Debian package jupyter-nbconvert"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends jupyter-nbconvert python3-nbclient >/dev/null
	have_jupyter || {
		echo "notebooks: jupyter nbconvert still unavailable" >&2
		exit 1
	}
fi

if [ $# -gt 0 ]; then
	notebooks=("$@")
else
	notebooks=(notebooks/[0-9][0-9]-*.ipynb)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/relucad-notebooks.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# (a) the binary
go build -o bin/relucad ./cmd/relucad

# (b) a private kernelspec and private Jupyter directories
bin/relucad kernel install --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export JUPYTER_CONFIG_DIR="$tmp/config"
export JUPYTER_DATA_DIR="$tmp/data"
export JUPYTER_RUNTIME_DIR="$tmp/runtime"
export IPYTHONDIR="$tmp/ipython"
export JUPYTER_PLATFORM_DIRS=1
mkdir -p "$tmp/out" "$JUPYTER_CONFIG_DIR" "$JUPYTER_DATA_DIR" "$JUPYTER_RUNTIME_DIR"

# (c) execute
failed=0
for nb in "${notebooks[@]}"; do
	name=$(basename "$nb")
	start=$(date +%s)
	if ! jupyter nbconvert --to notebook --execute \
		--ExecutePreprocessor.timeout=60 \
		--ExecutePreprocessor.kernel_name=relucad \
		--ExecutePreprocessor.record_timing=False \
		--output-dir "$tmp/out" --output "$name" "$nb" >"$tmp/$name.log" 2>&1; then
		echo "FAIL  $nb: execution failed"
		sed -e 's/^/      /' "$tmp/$name.log" | tail -40
		failed=1
		continue
	fi
	echo "ran   $nb ($(($(date +%s) - start)) s)"
done
[ "$failed" = 0 ] || {
	echo "notebooks: some notebooks failed to execute" >&2
	exit 1
}

# (d) compare or update
"$PY" - "$mode" "$tmp/out" "${notebooks[@]}" <<'EOF'
import difflib, json, os, re, sys

mode, outdir, paths = sys.argv[1], sys.argv[2], sys.argv[3:]

VOLATILE = [
    (re.compile(r"0x[0-9a-f]{6,}"), "0xADDR"),                                   # pointers printed by %v
    (re.compile(r"\b\d+(?:\.\d+)?(?:e[-+]?\d+)?\s?(?:ns|µs|us|ms|s)\b(?=[\s).,;:]|$)"), "<time>"),  # durations
]

def text(v):
    return "".join(v) if isinstance(v, list) else v

def normalize_str(s):
    for rx, rep in VOLATILE:
        s = rx.sub(rep, s)
    return s

def canon(nb):
    """The comparable content: cell kinds, sources and normalized outputs."""
    cells = []
    for c in nb["cells"]:
        item = {"type": c["cell_type"], "source": text(c["source"])}
        if c["cell_type"] == "code":
            outs = []
            for o in c.get("outputs", []):
                k = o["output_type"]
                if k == "stream":
                    outs.append({"stream": o["name"], "text": normalize_str(text(o["text"]))})
                elif k in ("display_data", "execute_result", "update_display_data"):
                    outs.append({"data": {m: normalize_str(text(v)) if isinstance(v, (str, list)) else v
                                          for m, v in sorted(o.get("data", {}).items())}})
                elif k == "error":
                    outs.append({"error": o.get("ename"), "value": normalize_str(o.get("evalue", ""))})
            item["outputs"] = outs
        cells.append(item)
    return cells

def tidy(nb):
    """What update mode commits: no execution counts' gaps, no timing metadata."""
    for c in nb["cells"]:
        c.get("metadata", {}).pop("execution", None)
    return nb

stale = 0
for p in paths:
    fresh_path = os.path.join(outdir, os.path.basename(p))
    with open(fresh_path, encoding="utf-8") as f:
        fresh = json.load(f)
    if mode == "update":
        with open(p, "w", encoding="utf-8") as f:
            json.dump(tidy(fresh), f, indent=1, ensure_ascii=False)
            f.write("\n")
        print("wrote", p)
        continue
    with open(p, encoding="utf-8") as f:
        committed = json.load(f)
    a, b = canon(committed), canon(fresh)
    if a == b:
        print("fresh", p)
        continue
    stale += 1
    print("STALE", p, "(committed outputs differ from what the code produces now; run: make notebooks)")
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            da = json.dumps(x, indent=1, ensure_ascii=False).splitlines()
            db = json.dumps(y, indent=1, ensure_ascii=False).splitlines()
            diff = list(difflib.unified_diff(da, db, "committed cell %d" % i, "fresh cell %d" % i, lineterm="", n=1))
            print("\n".join("      " + l[:200] for l in diff[:40]))
            break
    else:
        print("      number of cells differs: %d committed, %d fresh" % (len(a), len(b)))
sys.exit(1 if stale else 0)
EOF
