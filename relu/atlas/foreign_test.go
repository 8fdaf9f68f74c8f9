package atlas

import (
	"database/sql"
)

// makeForeign writes an SQLite database of "another application".
func makeForeign(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5)")
	return err
}
