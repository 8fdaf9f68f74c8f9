#!/usr/bin/env bash
# Side-by-side benchmark: relucad and the anchor systems on the same inputs,
# on the same machine, in one run (see ../shared/docs/ANCHORS.md for the
# anchors' method; relucad is timed the same way: compute time only, parsing
# excluded, each call repeated until >= 0.2 s, 3 processes, median).
#
# usage: bench/run.sh [CLASS ...]      CLASS: univ gcd res gb qe factor (default: univ gcd res gb)
#        factor: bivariate factorization over Q on bench/inputs/factor (made by
#        bench/gen_factor.py, in this repo); its anchors (Singular factorize,
#        PARI/GP factor, only with FACTOR_PARI=1: it takes ~30 s per input)
#        are timed by this script, the same way run_anchors.sh
#        times the others (each tool's own timer around the call, repeated
#        until >= 0.2 s, parsing excluded), relucad and Singular alternating
#        run by run
# env:   SHARED   the shared/ folder (default: ../shared next to the repo)
#        RUNS     processes per (task, tool, op) (default 3)
#        TOOLS    anchor tools (default: "pari flint singular giac sympy")
#        TASKS    regex on task names (default all)
#        TIMEOUT  seconds per run (default 60)
#        BENCH_OUT results folder (default bench/results)
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
OUT=${BENCH_OUT:-$HERE/results}
mkdir -p "$OUT/build"
[ "$CLASSES" = factor ] || [ -d "$SHARED/bench/inputs" ] || { echo "bench: $SHARED/bench/inputs not found (set SHARED=)"; exit 2; }
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

# relucad_factor TASK FILE: like relucad_op, but the result is the number of
# irreducible non-constant factors with multiplicity (nirred=, as the
# anchors print it), counted from the printed factors
# (runs RUN0..RUN1, default 1..RUNS: the factor class interleaves the tools)
relucad_factor() {
  local task=$1 f=$2 i out ms n
  for ((i = ${RUN0:-1}; i <= ${RUN1:-$RUNS}; i++)); do
    out=$(timeout -k 5 "$TIMEOUT" "$BIN" poly factor "$f" --vars x,y --time --min-time 200ms 2>&1)
    if [ $? -ne 0 ]; then
      printf 'factor\t%s\trelucad\tfactor\t%d\t\t\t\tERROR\t%s\n' "$task" "$i" "$(echo "$out" | tail -n 1 | cut -c1-100)" >> "$RAW"
      echo "  $task relucad factor: ERROR $(echo "$out" | tail -n 1 | cut -c1-100)"
      return
    fi
    ms=$(echo "$out" | sed -n 's/^time_ms: //p')
    n=$(echo "$out" | grep -v '^time_ms:' | grep '[xy]' | awk '{ m = 1; if (match($0, /\)\^[0-9]+$/)) m = substr($0, RSTART + 2) + 0; s += m } END { print s + 0 }')
    printf 'factor\t%s\trelucad\tfactor\t%d\t%s\t\t\tOK\tnirred=%s\n' "$task" "$i" "$ms" "$n" >> "$RAW"
    echo "  $task relucad factor run $i: $ms ms nirred=$n"
  done
}

# anchor_op TASK TOOL CMD...: RUNS processes of an anchor driver that prints
# "OPR op total_ms reps result" (Singular) or "OP op ms result" (PARI), as in
# run_anchors.sh; rows go to $OUT/anchors/raw.tsv
anchor_op() {
  local task=$1 tool=$2; shift 2
  local i of lines araw=$OUT/anchors/raw.tsv
  [ -s "$araw" ] || printf 'class\ttask\ttool\top\trun\tms\twall_s\trss_kb\tstatus\tresult\n' > "$araw"
  of=$(mktemp)
  for ((i = ${RUN0:-1}; i <= ${RUN1:-$RUNS}; i++)); do
    timeout -k 5 "$TIMEOUT" "$@" > "$of" 2>&1
    lines=$(grep -E '^(OP|OPR) ' "$of")
    if [ -z "$lines" ]; then
      printf 'factor\t%s\t%s\tfactor\t%d\t\t\t\tERROR\t%s\n' "$task" "$tool" "$i" "$(head -c 100 "$of" | tr '\t\n' '  ')" >> "$araw"
      echo "  $task $tool: ERROR"
      break
    fi
    echo "$lines" | awk -v t="$task" -v tool="$tool" -v run="$i" '
      { if ($1 == "OPR") { ms = ($4 > 0 ? $3 / $4 : ""); k = 5 } else { ms = $3; k = 4 }
        res = ""; for (j = k; j <= NF; j++) res = res (j > k ? " " : "") $j
        printf "factor\t%s\t%s\t%s\t%d\t%s\t\t\tOK\t%s\n", t, tool, $2, run, (ms == "" ? "" : sprintf("%.4f", ms)), res }' >> "$araw"
    echo "  $task $tool run $i: $(echo "$lines" | head -n 1)"
  done
  rm -f "$of"
}

# factor_scripts TASK FILE: the anchor scripts of one factor input, in
# $OUT/build/factor (Singular always, PARI/GP with FACTOR_PARI=1)
factor_scripts() {
  local t=$1 f=$2 s=$OUT/build/factor
  mkdir -p "$s" "$OUT/anchors"
  { echo "ring r = 0, (x, y), dp;"; echo "poly f = $(cat "$f");"
    cat <<'SING'
system("--ticks-per-sec", 1000);
int n_; int t0_; int el_; list L; int k_; int c_;
n_ = 0; t0_ = rtimer;
while (1) { L = factorize(f); n_++; el_ = rtimer - t0_; if ((el_ >= 200) or (n_ >= 1000)) { break; } }
c_ = 0; for (k_ = 1; k_ <= size(L[1]); k_++) { if (deg(L[1][k_]) > 0) { c_ = c_ + L[2][k_]; } }
printf("OPR factorize %s %s nirred=%s", el_, n_, c_);
quit;
SING
  } > "$s/$t.sing"
  { echo 'default(parisizemax, 4000000000);'
    echo 'timeit(fn) = my(t0 = getwalltime(), n = 0, r); until(getwalltime() - t0 >= 200 || n >= 1000, r = fn(); n++); [(getwalltime() - t0) / n, r];'
    echo "f = $(cat "$f");"
    echo 'v = timeit(() -> factor(f)); F = v[2];'
    echo 'printf("OP factor %.4f nirred=%d\n", v[1], sum(i = 1, #F~, if(poldegree(F[i, 1], x) + poldegree(F[i, 1], y) > 0, F[i, 2], 0)));'
    echo 'quit;'
  } > "$s/$t.gp"
}

# bench_factor: relucad and Singular alternate run by run on each input (so
# load drift on a shared machine hits both alike); PARI/GP, if asked for,
# once per input after them. With ANCHORS=reuse, relucad only.
bench_factor() {
  local f t r s=$OUT/build/factor
  for f in "$HERE"/inputs/factor/*.poly; do
    t=$(basename "$f" .poly)
    want "$t" || continue
    if [ "${ANCHORS:-}" = reuse ]; then relucad_factor "$t" "$f"; continue; fi
    factor_scripts "$t" "$f"
    for ((r = 1; r <= RUNS; r++)); do
      RUN0=$r RUN1=$r relucad_factor "$t" "$f"
      if echo " $TOOLS " | grep -q ' singular '; then RUN0=$r RUN1=$r anchor_op "$t" singular Singular -q "$s/$t.sing"; fi
    done
    if [ "${FACTOR_PARI:-0}" = 1 ] && echo " $TOOLS " | grep -q ' pari '; then
      anchor_op "$t" pari gp -q -f "$s/$t.gp"
    fi
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
    factor) bench_factor ;;
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
  SHARED_CLASSES=$(echo " $CLASSES " | sed 's/ factor / /g')
  if [ -n "${SHARED_CLASSES// /}" ]; then
    OUT=$OUT/anchors BUILD=$OUT/build RUNS=$RUNS TIMEOUT=$TIMEOUT TASKS=$TASKS \
      bash "$SHARED/bench/run_anchors.sh" $SHARED_CLASSES
  fi
fi
tail -n +2 "$OUT/anchors/raw.tsv" >> "$RAW"
/usr/bin/python3 "$HERE/compare.py" "$RAW" > "$OUT/compare.md" && cat "$OUT/compare.md"
