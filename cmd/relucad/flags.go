package main

import (
	"flag"
	"fmt"
)

// parseArgs parses fs's flags wherever they stand among args (before,
// between or after the positional arguments), returns the positional
// arguments, and checks that there are between min and max of them (max < 0:
// no upper bound), printing fs's usage when the count is wrong.
func parseArgs(fs *flag.FlagSet, args []string, min, max int) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) >= min && (max < 0 || len(pos) <= max) {
		return pos, nil
	}
	fs.Usage()
	switch {
	case max < 0:
		return nil, fmt.Errorf("expected at least %d argument(s), got %d", min, len(pos))
	case min == max:
		return nil, fmt.Errorf("expected %d argument(s), got %d", min, len(pos))
	}
	return nil, fmt.Errorf("expected %d to %d argument(s), got %d", min, max, len(pos))
}
