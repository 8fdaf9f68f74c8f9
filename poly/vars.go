package poly

// ScanVars returns the identifiers that occur in the polynomial texts, in
// order of first occurrence and without repetition. It is how the CLI and the
// file readers build a ring for inputs that do not name their variables: the
// ring's variables are ScanVars(texts...). Identifiers are maximal runs of
// letters, digits and '_' that start with a letter or '_'; everything else is
// skipped, so ScanVars never fails (the parser reports malformed input).
func ScanVars(texts ...string) []string {
	var vars []string
	seen := map[string]bool{}
	for _, s := range texts {
		rs := []rune(s)
		for i := 0; i < len(rs); {
			r := rs[i]
			if !(scanLetter(r) || r == '_') {
				// A digit run (a coefficient) may not start an identifier.
				i++
				if scanDigit(r) {
					for i < len(rs) && (scanLetter(rs[i]) || scanDigit(rs[i]) || rs[i] == '_') {
						i++
					}
				}
				continue
			}
			j := i
			for j < len(rs) && (scanLetter(rs[j]) || scanDigit(rs[j]) || rs[j] == '_') {
				j++
			}
			name := string(rs[i:j])
			if !seen[name] {
				seen[name] = true
				vars = append(vars, name)
			}
			i = j
		}
	}
	return vars
}

func scanLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
func scanDigit(r rune) bool  { return r >= '0' && r <= '9' }
