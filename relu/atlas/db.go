package atlas

// Storage. The atlas is one SQLite file (modernc.org/sqlite, pure Go). The
// file is marked as ours in its header (PRAGMA application_id = 0x72656C75,
// "relu") and carries its schema version twice: PRAGMA user_version and the
// schema_version table. Open refuses files that are not SQLite, SQLite
// files of other applications, newer schema versions, and files that fail
// PRAGMA quick_check, each with an error naming the path.
//
// Crash safety. Results are written in batches, one transaction per batch,
// with INSERT OR IGNORE keyed by (shape, key). A kill -9 loses at most the
// batch in flight (its transaction never committed, so the file holds
// nothing of it: SQLite's journal rolls it back); rerunning the census
// skips every key already stored and recomputes the rest, so nothing is
// lost and nothing is duplicated. The journal is in WAL mode with
// synchronous=NORMAL: committed batches survive a process crash.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// SchemaVersion is the version of the database layout written by this
// package.
const SchemaVersion = 1

// ApplicationID marks atlas databases in the SQLite header ("relu").
const ApplicationID = 0x72656C75

const schema = `
CREATE TABLE schema_version (
	version INTEGER NOT NULL,
	created TEXT NOT NULL,
	relucad TEXT NOT NULL
);
CREATE TABLE runs (
	id          INTEGER PRIMARY KEY,
	shape       TEXT NOT NULL,
	shard       TEXT NOT NULL,
	relucad     TEXT NOT NULL,
	host        TEXT NOT NULL,
	started     TEXT NOT NULL,
	finished    TEXT,
	status      TEXT NOT NULL DEFAULT 'running',
	decided     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE shards (
	shape    TEXT NOT NULL,
	shard    TEXT NOT NULL,
	expected INTEGER NOT NULL,
	relucad  TEXT NOT NULL,
	finished TEXT NOT NULL,
	PRIMARY KEY (shape, shard)
) WITHOUT ROWID;
CREATE TABLE results (
	shape       TEXT NOT NULL,
	key         TEXT NOT NULL,
	spec        TEXT NOT NULL,
	verdict     TEXT NOT NULL CHECK (verdict IN ('closed', 'not_closed', 'unknown')),
	method      TEXT NOT NULL,
	certificate TEXT NOT NULL,
	seconds     REAL NOT NULL,
	relucad     TEXT NOT NULL,
	created     TEXT NOT NULL,
	PRIMARY KEY (shape, key)
) WITHOUT ROWID;
CREATE INDEX results_by_key ON results (key);
`

// Version returns the relucad version recorded with every result: the
// main module's version and VCS revision from the build information when
// present, else "devel"; followed by a fingerprint of the running
// executable (the first 12 hex digits of its SHA-256), so that results of
// different development builds can be told apart.
func Version() string {
	versionOnce.Do(func() {
		v := "devel"
		if bi, ok := debug.ReadBuildInfo(); ok {
			if mv := bi.Main.Version; mv != "" && mv != "(devel)" {
				v = mv
			}
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v += "+" + s.Value[:12]
				}
			}
		}
		version = "relucad " + v
		if exe, err := os.Executable(); err == nil {
			if f, err := os.Open(exe); err == nil {
				h := sha256.New()
				if _, err := io.Copy(h, f); err == nil {
					version += fmt.Sprintf(" (build %x)", h.Sum(nil)[:6])
				}
				f.Close()
			}
		}
	})
	return version
}

var (
	versionOnce sync.Once
	version     string
)

// DefaultPath returns the default database path:
// $XDG_DATA_HOME/relucad/atlas.db, or ~/.local/share/relucad/atlas.db.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "relucad", "atlas.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("atlas: no default database path (%v); pass --db PATH", err)
	}
	return filepath.Join(home, ".local", "share", "relucad", "atlas.db"), nil
}

// A DB is an open atlas database.
type DB struct {
	db   *sql.DB
	path string
}

// ErrNoDatabase is returned (wrapped) by OpenExisting when the file does
// not exist.
var ErrNoDatabase = errors.New("no atlas database")

// Open opens the atlas database at path, creating it (and its directory)
// if it does not exist.
func Open(path string) (*DB, error) { return open(path, true) }

// OpenExisting opens an existing atlas database; it never creates one.
func OpenExisting(path string) (*DB, error) { return open(path, false) }

func open(path string, create bool) (*DB, error) {
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return nil, fmt.Errorf("atlas: %s is a directory, not a database file", path)
	case err == nil && st.Size() > 0:
		if err := checkHeader(path); err != nil {
			return nil, err
		}
	case err == nil: // empty file: treat as new
		if !create {
			return nil, fmt.Errorf("atlas: %s: %w (the file is empty; run relucad census first)", path, ErrNoDatabase)
		}
	case errors.Is(err, os.ErrNotExist):
		if !create {
			return nil, fmt.Errorf("atlas: %s: %w (run relucad census first, or pass --db)", path, ErrNoDatabase)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("atlas: creating the directory of %s: %v", path, err)
		}
	default:
		return nil, fmt.Errorf("atlas: %v", err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("atlas: opening %s: %v", path, err)
	}
	sdb.SetMaxOpenConns(1) // one writer; reads share the connection
	d := &DB{db: sdb, path: path}
	if err := d.init(create); err != nil {
		sdb.Close()
		return nil, err
	}
	return d, nil
}

// checkHeader rejects files that are not SQLite databases before the
// driver sees them.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("atlas: %v", err)
	}
	defer f.Close()
	h := make([]byte, 16)
	if _, err := io.ReadFull(f, h); err != nil || !bytes.Equal(h, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("atlas: %s is not an SQLite database (foreign or corrupt file; refusing to touch it)", path)
	}
	return nil
}

func (d *DB) init(create bool) error {
	var appID, userVersion int64
	if err := d.db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("atlas: %s: cannot read the database header: %v", d.path, err)
	}
	if err := d.db.QueryRow("PRAGMA user_version").Scan(&userVersion); err != nil {
		return fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	var tables []string
	rows, err := d.db.Query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		return fmt.Errorf("atlas: %s: cannot read the schema (corrupt database?): %v", d.path, err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("atlas: %s: cannot read the schema (corrupt database?): %v", d.path, err)
	}
	if appID == 0 && len(tables) == 0 {
		if !create {
			return fmt.Errorf("atlas: %s: %w (the SQLite file has no tables yet)", d.path, ErrNoDatabase)
		}
		if err := d.create(); err != nil {
			return err
		}
		return d.wal()
	}
	if appID != ApplicationID {
		return fmt.Errorf("atlas: %s is a foreign SQLite database (application id %#x, tables %s), not a relucad atlas; refusing to touch it",
			d.path, appID, strings.Join(tables, ", "))
	}
	if userVersion > SchemaVersion {
		return fmt.Errorf("atlas: %s has schema version %d; this relucad reads version %d (upgrade relucad)", d.path, userVersion, SchemaVersion)
	}
	if userVersion != SchemaVersion {
		return fmt.Errorf("atlas: %s has unknown schema version %d (want %d)", d.path, userVersion, SchemaVersion)
	}
	var check string
	if err := d.db.QueryRow("PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		if err != nil {
			check = err.Error()
		}
		return fmt.Errorf("atlas: %s is corrupt (quick_check: %s)", d.path, check)
	}
	var sv int64
	if err := d.db.QueryRow("SELECT max(version) FROM schema_version").Scan(&sv); err != nil || sv != SchemaVersion {
		return fmt.Errorf("atlas: %s: schema_version table disagrees with the header (corrupt database?)", d.path)
	}
	return d.wal()
}

// wal switches the (validated) file to write-ahead logging; the setting is
// persistent, so it is applied only to files known to be ours.
func (d *DB) wal() error {
	var mode string
	if err := d.db.QueryRow("PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return fmt.Errorf("atlas: %s: setting WAL mode: %v", d.path, err)
	}
	return nil
}

func (d *DB) create() error {
	tx, err := d.db.Begin()
	if err != nil {
		return fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(schema); err != nil {
		return fmt.Errorf("atlas: %s: creating the schema: %v", d.path, err)
	}
	if _, err := tx.Exec("INSERT INTO schema_version VALUES (?, ?, ?)", SchemaVersion, now(), Version()); err != nil {
		return fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)); err != nil {
		return fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	return nil
}

// Path returns the file name of the database.
func (d *DB) Path() string { return d.path }

// Close checkpoints the journal into the main file and closes the database.
func (d *DB) Close() error {
	d.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return d.db.Close()
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// A Result is one stored verdict.
type Result struct {
	Shape       string  // "m,r,n"
	Key         string  // canonical key (Key)
	Spec        string  // the representative support of this shape
	Verdict     string  // "closed", "not_closed" or "unknown"
	Method      string  // certificate method, block type, or "" for unknown
	Certificate []byte  // certificate JSON (MATH.md §8.3)
	Seconds     float64 // time spent deciding
	Version     string  // relucad version that decided it
}

const resultCols = "shape, key, spec, verdict, method, certificate, seconds, relucad"

func scanResult(sc interface{ Scan(...any) error }) (Result, error) {
	var r Result
	var cert string
	err := sc.Scan(&r.Shape, &r.Key, &r.Spec, &r.Verdict, &r.Method, &cert, &r.Seconds, &r.Version)
	r.Certificate = []byte(cert)
	return r, err
}

// Insert stores a batch of results in one transaction; rows whose
// (shape, key) is already present are left untouched unless the stored
// verdict is unknown and the new one is decided. It returns the number of
// rows written.
func (d *DB) Insert(ctx context.Context, rs []Result) (int, error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer tx.Rollback()
	// A row already present is kept, except that a decided verdict
	// replaces an unknown one (a newer analyzer re-checking unknowns).
	st, err := tx.Prepare("INSERT INTO results (" + resultCols + ", created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" +
		" ON CONFLICT (shape, key) DO UPDATE SET spec = excluded.spec, verdict = excluded.verdict, method = excluded.method," +
		" certificate = excluded.certificate, seconds = excluded.seconds, relucad = excluded.relucad, created = excluded.created" +
		" WHERE results.verdict = 'unknown' AND excluded.verdict <> 'unknown'")
	if err != nil {
		return 0, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer st.Close()
	n := 0
	t := now()
	for _, r := range rs {
		res, err := st.Exec(r.Shape, r.Key, r.Spec, r.Verdict, r.Method, string(r.Certificate), r.Seconds, r.Version, t)
		if err != nil {
			return 0, fmt.Errorf("atlas: %s: storing %s: %v", d.path, r.Key, err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("atlas: %s: commit: %v", d.path, err)
	}
	return n, nil
}

// Keys returns the keys stored for a shape.
func (d *DB) Keys(ctx context.Context, shape string) (map[string]bool, error) {
	return d.keys(ctx, shape, false)
}

func (d *DB) keys(ctx context.Context, shape string, decidedOnly bool) (map[string]bool, error) {
	q := "SELECT key FROM results WHERE shape = ?"
	if decidedOnly {
		q += " AND verdict <> 'unknown'"
	}
	rows, err := d.db.QueryContext(ctx, q, shape)
	if err != nil {
		return nil, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys[k] = true
	}
	return keys, rows.Err()
}

// Lookup returns the stored results with the given key (one per shape in
// which the orbit was enumerated; the shapes m,r,n and n,r,m share keys).
func (d *DB) Lookup(ctx context.Context, key string) ([]Result, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT "+resultCols+" FROM results WHERE key = ? ORDER BY shape", key)
	if err != nil {
		return nil, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer rows.Close()
	var out []Result
	for rows.Next() {
		r, err := scanResult(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Each calls f for every stored result, ordered by shape and key; it
// stops at the first error. f must not use d (the cursor holds its only
// connection); it may write to other databases.
func (d *DB) Each(ctx context.Context, f func(Result) error) error {
	rows, err := d.db.QueryContext(ctx, "SELECT "+resultCols+" FROM results ORDER BY shape, key")
	if err != nil {
		return fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanResult(rows)
		if err != nil {
			return fmt.Errorf("atlas: %s: %v", d.path, err)
		}
		if err := f(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	return nil
}

// A ShapeSummary counts the stored verdicts of one shape.
type ShapeSummary struct {
	Shape     string  `json:"shape"`
	Closed    int     `json:"closed"`
	NotClosed int     `json:"not_closed"`
	Unknown   int     `json:"unknown"`
	Total     int     `json:"total"`
	Seconds   float64 `json:"seconds"`
	// Expected is the number of orbits of the shape (Burnside), or 0 when
	// the shape is too large to count; Complete reports Total == Expected.
	Expected int  `json:"expected"`
	Complete bool `json:"complete"`
}

// Summary returns per-shape counts, ordered by depth and widths.
func (d *DB) Summary(ctx context.Context) ([]ShapeSummary, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT shape,
		sum(verdict = 'closed'), sum(verdict = 'not_closed'), sum(verdict = 'unknown'), count(*), sum(seconds)
		FROM results GROUP BY shape`)
	if err != nil {
		return nil, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer rows.Close()
	var out []ShapeSummary
	for rows.Next() {
		var s ShapeSummary
		if err := rows.Scan(&s.Shape, &s.Closed, &s.NotClosed, &s.Unknown, &s.Total, &s.Seconds); err != nil {
			return nil, err
		}
		if sh, err := ParseShape(s.Shape); err == nil {
			if n, ok := expectedOrbits(sh); ok {
				s.Expected = n
				s.Complete = s.Total == n
			}
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortSummaries(out)
	return out, nil
}

func sortSummaries(s []ShapeSummary) {
	less := func(a, b string) bool {
		if len(strings.Split(a, ",")) != len(strings.Split(b, ",")) {
			return len(strings.Split(a, ",")) < len(strings.Split(b, ","))
		}
		return a < b
	}
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && less(s[j].Shape, s[j-1].Shape); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// startRun records the start of a census run and returns its id.
func (d *DB) startRun(shape string, sh ShardSpec) (int64, error) {
	host, _ := os.Hostname()
	res, err := d.db.Exec("INSERT INTO runs (shape, shard, relucad, host, started) VALUES (?, ?, ?, ?, ?)",
		shape, sh.String(), Version(), host, now())
	if err != nil {
		return 0, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	return res.LastInsertId()
}

func (d *DB) finishRun(id int64, status string, decided int) error {
	_, err := d.db.Exec("UPDATE runs SET finished = ?, status = ?, decided = decided + ? WHERE id = ?", now(), status, decided, id)
	return err
}

func (d *DB) finishShard(shape string, sh ShardSpec, expected int) error {
	_, err := d.db.Exec("INSERT OR REPLACE INTO shards VALUES (?, ?, ?, ?, ?)", shape, sh.String(), expected, Version(), now())
	return err
}

// A ShardRecord says that one shard of a shape was enumerated completely.
type ShardRecord struct {
	Shape, Shard string
	Expected     int
	Version      string
	Finished     string
}

// Shards returns the completed shards.
func (d *DB) Shards(ctx context.Context) ([]ShardRecord, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT shape, shard, expected, relucad, finished FROM shards ORDER BY shape, shard")
	if err != nil {
		return nil, fmt.Errorf("atlas: %s: %v", d.path, err)
	}
	defer rows.Close()
	var out []ShardRecord
	for rows.Next() {
		var r ShardRecord
		if err := rows.Scan(&r.Shape, &r.Shard, &r.Expected, &r.Version, &r.Finished); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
