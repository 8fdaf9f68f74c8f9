// Package atlas is a census of sparse ReLU supports with certified
// closedness verdicts (issue 8; MATH.md S11, D1, §8, §10 item 3).
//
// For a shape — the layer widths output-first, "m,r,n" for W2 (m×r) and
// W1 (r×n), "a,b,c,d" for depth 3 — the census enumerates every support
// up to the symmetries of MATH.md D1 (one representative per orbit, see
// enum.go), decides each with relu.Closedness, and stores the verdict with
// its certificate in an embedded SQLite database (modernc.org/sqlite, no
// cgo). Every step can be interrupted and resumed, and split into shards
// for a cluster.
//
// # Representation and invariants
//
//   - Key(s) is the spec string of the canonical representative of the D1
//     orbit of s; Key(s) == Key(t) iff t = g·s for some symmetry g. Shapes
//     m,r,n and n,r,m share keys (transposition).
//   - Enumerate yields exactly one Rep per orbit, in a fixed order, with
//     no duplicates (checked against Burnside's lemma per number of ones,
//     burnside.go, and against the partition of relu.Key).
//   - The database holds one row per (shape, key): the representative
//     spec, the verdict ("closed", "not_closed", "unknown"), the method,
//     the certificate JSON (MATH.md §8.3), the seconds spent and the
//     relucad version. Writes are batched transactions of INSERT OR IGNORE,
//     so re-running a census is idempotent and a crash (Ctrl-C, kill -9,
//     a pre-empted cluster job) loses at most the uncommitted batch, which
//     the next run recomputes.
//   - A shard i/n holds the keys whose FNV-1a hash is i mod n; the shards
//     partition the orbits, independently of the machine and of the order
//     of enumeration. Merge combines shard databases in one transaction
//     and refuses inputs that disagree (closed in one, not closed in the
//     other); an unknown verdict is replaced by a decided one.
//   - VerifyAll re-checks every row from scratch: shape, key, certificate
//     identity and relu.Verify.
//   - RandomEstimate samples Bernoulli(p) masks and bounds
//     P(L_I not closed) from below by certified NOT_CLOSED samples and from
//     above by counting UNKNOWN samples as not closed, each side with a
//     one-sided Clopper–Pearson (or Wilson) bound at level α/2.
//
// # Exact probabilities
//
// Enumerate also returns each orbit's weight (the number of supports of
// the shape in it, |G|/|Aut| accumulated during the generation), so a
// complete census gives P(certified not closed) and P(unknown) for
// Bernoulli(p) masks exactly, as polynomials in p (ExactCountsFromDB;
// relucad atlas exact). RandomEstimate is the Monte Carlo counterpart for
// shapes without a complete census; the tests check that its bounds cover
// the exact values.
//
// # Progress in notebooks
//
// Progress has String and HTML methods, so a notebook cell can show a live
// bar with the kernel's display handles (once the kernel exports this
// package to cells):
//
//	db, _ := atlas.Open("atlas.db")
//	h := newDisplay(atlas.Progress{})
//	st, err := atlas.Census(ctx, db, atlas.Options{Shape: atlas.Shape{3, 3, 3},
//	    Progress: func(p atlas.Progress) { h.Update(p) }})
//
// # Measured (2-core machine shared with other jobs, relu analyzer with
// the block table, 27 Nov 2026)
//
// All 27 shapes with m, r, n ≤ 3 (4585 orbits): about 2 s through the
// CLI, 0 unknown (35 orbits of 3,3,3 come from relu/blocktable.json: 26
// NOT_CLOSED with Nullstellensatz proofs, 7 CLOSED by QE descriptions, 2
// CLOSED because L_I is the whole space, proved by the hull test of
// relu/onto.go; 3 more by the rank-completion theorem), every stored
// certificate verified (relucad atlas verify: 4585 certificates, 0
// failures, 0.75 s). Shape 4,4,4: 344392 orbits in 2–3 min wall time
// with 2 workers (13 min before the hereditary lookups were prefiltered by
// the table's shapes and D1 invariants): 137286 closed, 179743 not
// closed, 27363 unknown (7.9 %, down from 13.6 % before the table and the
// rank-completion theorem). With the table extended to blocks of four
// hidden neurons (m, n ≤ 3; relu/blocktable.go): 137286 closed, 185351
// not closed, 21755 unknown (6.3 %) in 2 min 3 s; with the shape 2,4,4
// added too, 185375 not closed and 21731 unknown in 2 min 8 s; then census
// --recheck-unknown --onto 1s --tangent 250ms on shard 2/20 took its 1166
// unknown orbits to 637 in 8 min 29 s (261 CLOSED, 268 NOT_CLOSED), so
// over all shards about 3.5 % would remain after about 3 hours with 2
// workers. The 1 % target is not met. relucad census --recheck-unknown
// --tangent 250ms on shard 0/20 of the database (before the rank-completion
// theorem) turned 269 of its 1404 unknown orbits into NOT_CLOSED (QE-free
// Nullstellensatz certificates) in 2 min 52 s. With the hull test
// (relucad census --recheck-unknown --onto 1s --tangent 250ms; the hull
// test compares L_I with Σ(P) ∩ {rank cuts} after normalising A by
// scalings, relu/onto.go), shard 2/20 went from 1432 unknown orbits to
// 670 in 9 min 15 s (266 CLOSED, 496 NOT_CLOSED with Nullstellensatz and
// sequence proofs); over all shards that would leave about 3.7 % unknown
// after about 3 hours with 2 workers (not run to the end here). The
// remaining orbits mostly run out of time inside the leaves' quantifier
// eliminations. Earlier, with
// the structural analyzer only: 46725 unknown; exact bounds at p = 1/2,
// 0.5780 ≤ P(not closed) ≤ 0.7136; shape 3,3,3,3: 124604 orbits, 2 min
// 7 s, 11253 unknown. relucad census --recheck-unknown upgrades stored
// unknowns in place (with --tangent, too), and relucad atlas verify
// --delete-failed removes rejected rows for recomputation.
//
// # Running on a Slurm cluster (array job)
//
// Each array task runs one shard into its own database file; a requeued or
// pre-empted task resumes from its file. SQLite's WAL journal wants a
// local file system, so the task works on node-local storage and copies
// the closed database to shared storage (Slurm sends SIGTERM before the
// time limit; relucad census commits and exits on it).
//
//	#!/bin/bash
//	#SBATCH --job-name=atlas-444
//	#SBATCH --array=0-63
//	#SBATCH --cpus-per-task=4
//	#SBATCH --time=02:00:00
//	#SBATCH --requeue
//	#SBATCH --output=atlas-%A_%a.log
//	set -u
//	N=64
//	OUT=$HOME/atlas/shard-$SLURM_ARRAY_TASK_ID.db
//	DB=${TMPDIR:-/tmp}/atlas-$SLURM_JOB_ID-$SLURM_ARRAY_TASK_ID.db
//	mkdir -p "$(dirname "$OUT")"
//	[ -f "$OUT" ] && cp "$OUT" "$DB"          # resume after a requeue
//	relucad census --shape 4,4,4 --shard "$SLURM_ARRAY_TASK_ID/$N" \
//	    --workers "$SLURM_CPUS_PER_TASK" --db "$DB"
//	rc=$?
//	cp "$DB" "$OUT.part" && mv "$OUT.part" "$OUT"   # atomic publish
//	exit $rc
//
// Submit it, then merge when every task has succeeded:
//
//	jid=$(sbatch --parsable atlas.sbatch)
//	sbatch --dependency=afterok:$jid --wrap \
//	    'relucad census merge $HOME/atlas/atlas.db $HOME/atlas/shard-*.db && relucad atlas summary --db $HOME/atlas/atlas.db'
//
// The number of shards N must be the same in every task (it defines the
// partition). relucad census merge refuses shards that disagree on a
// verdict and then writes nothing.
//
// # Running on Kubernetes (Indexed Job)
//
// An Indexed Job gives each pod its index in JOB_COMPLETION_INDEX. Each
// pod writes its own file on a shared volume; a restarted pod resumes from
// it.
//
//	apiVersion: batch/v1
//	kind: Job
//	metadata:
//	  name: atlas-444
//	spec:
//	  completionMode: Indexed
//	  completions: 16
//	  parallelism: 16
//	  backoffLimitPerIndex: 4
//	  template:
//	    spec:
//	      restartPolicy: Never
//	      containers:
//	      - name: census
//	        image: registry.example.org/relucad:latest
//	        command: ["sh", "-c"]
//	        args:
//	        - >-
//	          relucad census --shape 4,4,4 --shard "$JOB_COMPLETION_INDEX/16"
//	          --workers 2 --db "/data/shard-$JOB_COMPLETION_INDEX.db"
//	        resources:
//	          requests: {cpu: "2", memory: 1Gi}
//	        volumeMounts:
//	        - {name: data, mountPath: /data}
//	      volumes:
//	      - name: data
//	        persistentVolumeClaim: {claimName: atlas-shards}
//
// Then merge (completions must equal the n of --shard):
//
//	kubectl wait --for=condition=complete --timeout=24h job/atlas-444
//	kubectl run atlas-merge --rm -i --restart=Never --image=registry.example.org/relucad:latest \
//	    --overrides='{"spec":{"volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"atlas-shards"}}],
//	      "containers":[{"name":"m","image":"registry.example.org/relucad:latest","volumeMounts":[{"name":"data","mountPath":"/data"}],
//	      "command":["sh","-c","relucad census merge /data/atlas.db /data/shard-*.db && relucad atlas summary --db /data/atlas.db"]}]}}'
//
// The volume should be ReadWriteMany if pods land on different nodes;
// every shard file has exactly one writer at a time.
//
// # References
//
// MATH.md D1 (symmetries), S11 and §10 item 3 (random supports), §8.3
// (certificates). Burnside's lemma (the Cauchy–Frobenius lemma); orderly
// generation of combinatorial objects (R. C. Read, "Every one a winner",
// Ann. Discrete Math. 2, 1978); Clopper and Pearson, Biometrika 26 (1934);
// Wilson, J. Amer. Statist. Assoc. 22 (1927).
package atlas
