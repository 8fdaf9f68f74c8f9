#!/usr/bin/env bash
# Side-by-side benchmark: relucad and the anchor systems on the same inputs,
# on the same machine, in one run (see ../shared/docs/ANCHORS.md for the
# anchors' method; relucad is timed the same way: compute time only, parsing
# excluded, each call repeated until >= 0.2 s, 3 processes, median).
#
# usage: bench/run.sh [CLASS ...]      CLASS: univ gcd res gb qe (default: univ gcd res gb)
# env:   SHARED   the shared/ folder (default: ../shared next to the repo)
#        RUNS     processes per (task, tool, op) (default 3)
#        TOOLS    anchor tools (default: "pari flint singular giac sympy")
#        TASKS    regex on task names (default all)
#        TIMEOUT  seconds per run (default 60)
#        ANCHORS  "reuse": keep bench/results/anchors from the previous run and time
#                 relucad only (re-measure relucad alone, e.g. after a change)
# output: bench/results/raw.tsv (anchors and relucad, one row per run)
#         bench/results/compare.md (medians and ratios relucad / fastest anchor)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
RUNS=${RUNS:-3}
TIMEOUT=${TIMEOUT:-60}
TASKS=${TASKS:-.}
export TOOLS=${TOOLS:-"pari flint singular giac sympy"}
CLASSES=${*:-"univ gcd res gb"}
OUT=$HERE/results
mkdir -p "$OUT/build"
[ -d "$SHARED/bench/inputs" ] || { echo "bench: $SHARED/bench/inputs not found (set SHARED=)"; exit 2; }
(cd "$ROOT" && go build -o bin/relucad ./cmd/relucad) || exit 1
BIN=$ROOT/bin/relucad
RAW=$OUT/raw.tsv
rm -f "$RAW"
[ "${ANCHORS:-}" = reuse ] || rm -rf "$OUT/anchors"
printf 'class\ttask\ttool\top\trun\tms\twall_s\trss_kb\tstatus\tresult\n' > "$RAW"

# relucad_op CLASS TASK OP ARGS...: RUNS processes, time_ms from the CLI
relucad_op() {
  local class=$1 task=$2 op=$3; shift 3
  local i out ms res
  for ((i = 1; i <= RUNS; i++)); do
    out=$(timeout -k 5 "$TIMEOUT" "$BIN" "$@" --stats --time --min-time 200ms 2>&1)
    if [ $? -ne 0 ]; then
      printf '%s\t%s\trelucad\t%s\t%d\t\t\t\tERROR\t%s\n' "$class" "$task" "$op" "$i" "$(echo "$out" | tail -n 1 | cut -c1-100)" >> "$RAW"
      echo "  $task relucad $op: ERROR $(echo "$out" | tail -n 1 | cut -c1-100)"
      return
    fi
    ms=$(echo "$out" | sed -n 's/^time_ms: //p')
    res=$(echo "$out" | head -n 1)
    printf '%s\t%s\trelucad\t%s\t%d\t%s\t\t\tOK\t%s\n' "$class" "$task" "$op" "$i" "$ms" "$res" >> "$RAW"
    echo "  $task relucad $op run $i: $ms ms $res"
  done
}

# relucad_wall CLASS TASK OP ARGS...: RUNS processes, whole-process wall time
# (how the anchors' QE and SMT tools are timed: start-up included)
relucad_wall() {
  local class=$1 task=$2 op=$3; shift 3
  local i out t0 t1 rc
  for ((i = 1; i <= RUNS; i++)); do
    t0=$(date +%s%N)
    out=$(timeout -k 5 "$TIMEOUT" "$BIN" "$@" 2>&1)
    rc=$?
    t1=$(date +%s%N)
    if [ $rc -ne 0 ]; then
      printf '%s\t%s\trelucad\t%s\t%d\t\t\t\tERROR\t%s\n' "$class" "$task" "$op" "$i" "$(echo "$out" | tail -n 1 | cut -c1-100)" >> "$RAW"
      echo "  $task relucad $op: ERROR $(echo "$out" | tail -n 1 | cut -c1-100)"
      return
    fi
    printf '%s\t%s\trelucad\t%s\t%d\t%.1f\t\t\tOK\t%s\n' "$class" "$task" "$op" "$i" "$(( (t1 - t0) / 1000 ))e-3" "$(echo "$out" | head -n 1 | cut -c1-200)" >> "$RAW"
    echo "  $task relucad $op run $i: $(( (t1 - t0) / 1000000 )) ms $(echo "$out" | head -n 1 | cut -c1-80)"
  done
}

want() { echo "$1" | grep -Eq -- "$TASKS"; }
IN=$SHARED/bench/inputs
for c in $CLASSES; do
  echo "== relucad: $c"
  case $c in
    univ) for f in "$IN"/univ/*.poly; do t=$(basename "$f" .poly); want "$t" && relucad_op univ "$t" realroots poly realroots "$f"; done ;;
    gcd)  for f in "$IN"/gcd/*.f; do t=$(basename "$f" .f); want "$t" && relucad_op gcd "$t" gcd poly gcd "$f" "${f%.f}.g"; done ;;
    qe)   for f in "$SHARED"/bench/qe/*.qep "$SHARED"/bench/qe/*.smt2; do t=$(basename "${f%.*}")
            want "$t" || continue
            grep -q '(apply' "$f" && continue   # z3 tactic scripts, not decision problems
            case $f in *.smt2) [ -f "${f%.smt2}.qep" ] && continue ;; esac   # one row per task
            relucad_wall qe "$t" qe qe --timeout "${TIMEOUT}s" "$f"
          done ;;
    gb)   for f in "$IN"/gb/*.sys; do t=$(basename "$f" .sys); want "$t" && relucad_op gb "$t" groebner poly groebner "$f"; done ;;
    res)  for f in "$IN"/res/*.f; do t=$(basename "$f" .f)
            want "$t" || continue
            relucad_op res "$t" resultant poly resultant "$f" "${f%.f}.g" y --vars x,y
            relucad_op res "$t" discriminant poly discriminant "$f" y --vars x,y
          done ;;
  esac
done

if [ "${ANCHORS:-}" = reuse ]; then
  echo "== anchors: reusing $OUT/anchors/raw.tsv"
else
  echo "== anchors ($TOOLS)"
  OUT=$OUT/anchors BUILD=$OUT/build RUNS=$RUNS TIMEOUT=$TIMEOUT TASKS=$TASKS \
    bash "$SHARED/bench/run_anchors.sh" $CLASSES
fi
tail -n +2 "$OUT/anchors/raw.tsv" >> "$RAW"
/usr/bin/python3 "$HERE/compare.py" "$RAW" > "$OUT/compare.md" && cat "$OUT/compare.md"
