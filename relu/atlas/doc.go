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
// # Measured (2-core machine, relu analyzer with the block table, 27 Nov 2026)
//
// All 27 shapes with m, r, n ≤ 3 (4585 orbits): about 2 s through the
// CLI, 0 unknown (35 orbits of 3,3,3 come from relu/blocktable.json: 26
// NOT_CLOSED with Nullstellensatz proofs, 7 CLOSED by QE descriptions, 2
// CLOSED because L_I is the whole space, proved by the hull test of
// relu/onto.go; 3 more by the rank-completion theorem), every stored
// certificate verified (relucad atlas verify: 4585 certificates, 0
// failures, 0.75 s).
//
// Shape 4,4,4 (344392 orbits), fresh database, 2 workers, commit 6fd2d75:
//
//	relucad census --shape 4,4,4 --onto 1s
//
// took 37 min 4 s: 146996 closed, 195113 not closed, 2283 unknown (0.66 %),
// every certificate re-checked by relu.Verify before it was stored, and
// again afterwards by relucad atlas verify (342109 certificates, 0
// failures, 1 min 53 s). The
// polynomial-time pipeline alone (without --onto) takes about 2 min and
// leaves 21731 orbits (6.3 %) unknown at that commit, 21164 (6.1 %) once
// supports with empty neurons are looked up in the block table by their
// compact form (commit 52b52b1, 2 min 8 s); --onto gives each of them one second
// of the hull test (relu/onto.go: is L_I its rank-cut hull? leaves of a
// zero-pattern split, settled by covers, peel covers — relu/onto_peel.go —
// or QE; CLOSED when equal, NOT_CLOSED with a Nullstellensatz proof and a
// factor sequence from peeling along a line for a hull point outside L_I).
// Of the 2283 left, almost all ran out of their second inside a leaf's
// quantifier elimination (leaves with four or more free entries, or rank
// cuts whose minors are not linear in one entry); 85 are lower-dimensional
// with no rank cut bounding them, where the hull test does not apply.
// relucad census --recheck-unknown --onto 5s upgrades such a database in
// place. History: 13.6 % unknown with the structural analyzer only, 7.9 %
// with the block table and the rank-completion theorem, 6.3 % with the
// table's four-neuron blocks; the hull test first needed about 3 hours
// for 3.5 %, then 51 min for 0.95 % with peel covers, then the run above.
// Earlier, with the structural analyzer only: exact bounds at p = 1/2,
// 0.5780 ≤ P(not closed) ≤ 0.7136; shape 3,3,3,3: 124604 orbits, 2 min
// 7 s, 11253 unknown. relucad census --recheck-unknown upgrades stored
// unknowns in place (with --tangent and --onto, too), and relucad atlas
// verify --delete-failed removes rejected rows for recomputation.
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
//	relucad census --shape 4,4,4 --onto 1s --shard "$SLURM_ARRAY_TASK_ID/$N" \
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
//	          relucad census --shape 4,4,4 --onto 1s --shard "$JOB_COMPLETION_INDEX/16"
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
