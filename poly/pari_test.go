package poly

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/big"
	"math/rand"
	"os/exec"
	"strings"
	"testing"
)

// Differential tests against PARI/GP (Debian package pari-gp): on random
// inputs, the number of real roots (polsturm), the real roots themselves
// (polrootsreal, 30 digits; each must lie in exactly one of our isolating
// intervals), gcd, polresultant and poldisc must agree. Skipped when gp is
// not on PATH.

type pariCase struct {
	f, g UPoly
}

func runGP(t *testing.T, script string) []string {
	t.Helper()
	gp, err := exec.LookPath("gp")
	if err != nil {
		t.Skip("gp (PARI/GP) not on PATH")
	}
	cmd := exec.Command(gp, "-q", "-f", "--default", "parisizemax=512000000")
	cmd.Stdin = strings.NewReader(script)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("gp failed: %v\n%s", err, stderr.String())
	}
	var lines []string
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

func pariCases(seed int64, n int) []pariCase {
	rng := rand.New(rand.NewSource(seed))
	cs := make([]pariCase, n)
	for i := range cs {
		switch i % 3 {
		case 0: // random, independent
			cs[i] = pariCase{randUPoly(rng, 1+rng.Intn(40), 1+rng.Intn(64)), randUPoly(rng, 1+rng.Intn(40), 1+rng.Intn(64))}
		case 1: // common factor, possibly repeated
			c := randUPoly(rng, 1+rng.Intn(6), 1+rng.Intn(20))
			a := randUPoly(rng, 1+rng.Intn(15), 1+rng.Intn(30))
			b := randUPoly(rng, rng.Intn(15), 1+rng.Intn(30))
			if rng.Intn(2) == 0 {
				a = a.Mul(c)
			}
			cs[i] = pariCase{a.Mul(c), b.Mul(c)}
		default: // many real roots: products of small linear and quadratic factors
			f := UPolyFromInts(int64(1 + rng.Intn(5)))
			for k := 0; k < 2+rng.Intn(8); k++ {
				if rng.Intn(2) == 0 {
					f = f.Mul(UPolyFromInts(int64(rng.Intn(41)-20), int64(1+rng.Intn(5))))
				} else {
					f = f.Mul(UPolyFromInts(-int64(1+rng.Intn(30)), 0, int64(1+rng.Intn(3))))
				}
			}
			cs[i] = pariCase{f, randUPoly(rng, 1+rng.Intn(10), 8)}
		}
	}
	return cs
}

func TestPARIDifferential(t *testing.T) {
	seed := int64(51)
	n := 60
	if testing.Short() {
		n = 15
	}
	cases := pariCases(seed, n)
	var sb strings.Builder
	for i, c := range cases {
		fmt.Fprintf(&sb, "f=%s; g=%s;\n", c.f, c.g)
		fmt.Fprintf(&sb, "print(\"N %d \", polsturm(f)); v=polrootsreal(f/gcd(f,f')); for(k=1,#v, print(\"R %d \", strprintf(\"%%.30e\", v[k])));\n", i, i)
		fmt.Fprintf(&sb, "print(\"G %d \", gcd(f,g)); print(\"S %d \", polresultant(f,g)); print(\"D %d \", poldisc(f));\n", i, i, i)
	}
	lines := runGP(t, sb.String())
	type pariOut struct {
		count     int
		roots     []*big.Float
		gcd       string
		res, disc string
		seenCount bool
	}
	outs := make([]pariOut, n)
	for _, ln := range lines {
		var kind string
		var i int
		var rest string
		parts := strings.SplitN(ln, " ", 3)
		if len(parts) < 3 {
			t.Fatalf("unexpected gp output %q", ln)
		}
		kind, rest = parts[0], strings.TrimSpace(parts[2])
		fmt.Sscan(parts[1], &i)
		o := &outs[i]
		switch kind {
		case "N":
			fmt.Sscan(rest, &o.count)
			o.seenCount = true
		case "R":
			x, _, err := big.ParseFloat(strings.ReplaceAll(rest, " ", ""), 10, 128, big.ToNearestEven)
			if err != nil {
				t.Fatalf("parse root %q: %v", rest, err)
			}
			o.roots = append(o.roots, x)
		case "G":
			o.gcd = rest
		case "S":
			o.res = rest
		case "D":
			o.disc = rest
		}
	}
	ctx := context.Background()
	total := 0
	for _, o := range outs {
		total += len(o.roots)
	}
	if total == 0 {
		t.Fatal("no roots parsed from gp output")
	}
	for i, c := range cases {
		o := outs[i]
		if !o.seenCount {
			t.Fatalf("case %d: no gp output", i)
		}
		ivs, err := RealRoots(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(ivs) != o.count {
			t.Errorf("seed %d case %d: %d real roots, PARI polsturm %d; f = %v", seed, i, len(ivs), o.count, c.f)
		}
		if len(o.roots) != len(ivs) {
			t.Errorf("seed %d case %d: %d roots, PARI polrootsreal %d", seed, i, len(ivs), len(o.roots))
		} else {
			for k, r := range o.roots {
				iv := ivs[k]
				lo := new(big.Float).SetPrec(128).SetRat(iv.Lo)
				hi := new(big.Float).SetPrec(128).SetRat(iv.Hi)
				tol := new(big.Float).SetPrec(128).Abs(r)
				tol.Mul(tol, big.NewFloat(1e-25))
				tol.Add(tol, big.NewFloat(1e-30))
				if new(big.Float).Sub(lo, tol).Cmp(r) > 0 || new(big.Float).Add(hi, tol).Cmp(r) < 0 {
					t.Errorf("seed %d case %d: PARI root %v not in interval %v", seed, i, r, iv)
				}
			}
		}
		if got := UGCD(c.f, c.g).String(); got != o.gcd {
			t.Errorf("seed %d case %d: gcd %s, PARI %s", seed, i, got, o.gcd)
		}
		if got := UResultant(c.f, c.g).String(); got != o.res {
			t.Errorf("seed %d case %d: resultant %s, PARI %s", seed, i, got, o.res)
		}
		if len(c.f) > 1 {
			if got := UDiscriminant(c.f).String(); got != o.disc {
				t.Errorf("seed %d case %d: discriminant %s, PARI %s", seed, i, got, o.disc)
			}
		}
	}
}
