package relu

// A tiny private sparse multivariate polynomial type over Q, used only by
// Verify to expand Nullstellensatz identities. It is deliberately separate
// from everything the analyzer uses (and from the poly package, so that the
// verifier depends on nothing that is still changing).
//
// Representation: a map from a monomial key to a non-zero coefficient.
// The key lists the variables with their exponents in sorted order,
// "W1_1_2^1*W2_2_1^2"; the constant monomial has key "". Zero
// coefficients are never stored, so the zero polynomial is the empty map.

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
)

type vpoly map[string]*big.Rat

func vpConst(c *big.Rat) vpoly {
	if c.Sign() == 0 {
		return vpoly{}
	}
	return vpoly{"": new(big.Rat).Set(c)}
}

func vpVar(name string) vpoly { return vpoly{name + "^1": big.NewRat(1, 1)} }

func (p vpoly) add(q vpoly, sign int) vpoly {
	out := vpoly{}
	for k, v := range p {
		out[k] = new(big.Rat).Set(v)
	}
	for k, v := range q {
		x := new(big.Rat).Set(v)
		if sign < 0 {
			x.Neg(x)
		}
		if y, ok := out[k]; ok {
			x.Add(x, y)
		}
		if x.Sign() == 0 {
			delete(out, k)
		} else {
			out[k] = x
		}
	}
	return out
}

func vpParseKey(k string) map[string]int {
	m := map[string]int{}
	if k == "" {
		return m
	}
	for _, f := range strings.Split(k, "*") {
		i := strings.LastIndexByte(f, '^')
		e, _ := strconv.Atoi(f[i+1:])
		m[f[:i]] += e
	}
	return m
}

func vpKey(m map[string]int) string {
	names := make([]string, 0, len(m))
	for n, e := range m {
		if e > 0 {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + "^" + strconv.Itoa(m[n])
	}
	return strings.Join(parts, "*")
}

func (p vpoly) mul(q vpoly) vpoly {
	out := vpoly{}
	for k1, v1 := range p {
		m1 := vpParseKey(k1)
		for k2, v2 := range q {
			m := map[string]int{}
			for n, e := range m1 {
				m[n] += e
			}
			for n, e := range vpParseKey(k2) {
				m[n] += e
			}
			k := vpKey(m)
			x := new(big.Rat).Mul(v1, v2)
			if y, ok := out[k]; ok {
				x.Add(x, y)
			}
			if x.Sign() == 0 {
				delete(out, k)
			} else {
				out[k] = x
			}
		}
	}
	return out
}

func (p vpoly) isOne() bool {
	v, ok := p[""]
	return len(p) == 1 && ok && v.Cmp(big.NewRat(1, 1)) == 0
}

func (p vpoly) equal(q vpoly) bool { return len(p.add(q, -1)) == 0 }

func (p vpoly) String() string {
	if len(p) == 0 {
		return "0"
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		m := strings.ReplaceAll(k, "^1", "")
		if m == "" {
			parts[i] = p[k].RatString()
		} else {
			parts[i] = p[k].RatString() + "*" + m
		}
	}
	return strings.Join(parts, " + ")
}

// vpParse parses + - * ^ (non-negative integer exponents ≤ 64),
// parentheses, rationals p or p/q, and identifiers; errors give the
// 1-based column.
func vpParse(s string) (vpoly, error) {
	ps := &vpParser{in: s}
	p, err := ps.expr()
	if err != nil {
		return nil, err
	}
	ps.skip()
	if ps.pos < len(s) {
		return nil, ps.err("unexpected %q", s[ps.pos])
	}
	return p, nil
}

type vpParser struct {
	in  string
	pos int
}

// vpMaxTerms bounds intermediate expansions so that hostile input cannot
// make the verifier hang.
const vpMaxTerms = 200_000

func (p *vpParser) mulChecked(a, b vpoly) (vpoly, error) {
	if len(a)*len(b) > vpMaxTerms {
		return nil, p.err("expansion exceeds %d terms", vpMaxTerms)
	}
	return a.mul(b), nil
}

func (p *vpParser) err(format string, args ...any) error {
	return fmt.Errorf("relu: polynomial %q: column %d: %s", p.in, p.pos+1, fmt.Sprintf(format, args...))
}

func (p *vpParser) skip() {
	for p.pos < len(p.in) && (p.in[p.pos] == ' ' || p.in[p.pos] == '\t' || p.in[p.pos] == '\n') {
		p.pos++
	}
}

func (p *vpParser) peek() byte {
	p.skip()
	if p.pos < len(p.in) {
		return p.in[p.pos]
	}
	return 0
}

func (p *vpParser) expr() (vpoly, error) {
	sign := 1
	if c := p.peek(); c == '-' || c == '+' {
		if c == '-' {
			sign = -1
		}
		p.pos++
	}
	acc, err := p.term()
	if err != nil {
		return nil, err
	}
	if sign < 0 {
		acc = vpoly{}.add(acc, -1)
	}
	for {
		c := p.peek()
		if c != '+' && c != '-' {
			return acc, nil
		}
		p.pos++
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		if c == '+' {
			acc = acc.add(t, 1)
		} else {
			acc = acc.add(t, -1)
		}
	}
}

func (p *vpParser) term() (vpoly, error) {
	acc, err := p.power()
	if err != nil {
		return nil, err
	}
	for p.peek() == '*' {
		p.pos++
		f, err := p.power()
		if err != nil {
			return nil, err
		}
		if acc, err = p.mulChecked(acc, f); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

func (p *vpParser) power() (vpoly, error) {
	base, err := p.atom()
	if err != nil {
		return nil, err
	}
	if p.peek() != '^' {
		return base, nil
	}
	p.pos++
	p.skip()
	start := p.pos
	for p.pos < len(p.in) && p.in[p.pos] >= '0' && p.in[p.pos] <= '9' {
		p.pos++
	}
	e, err := strconv.Atoi(p.in[start:p.pos])
	if err != nil || e > 64 {
		return nil, p.err("bad exponent")
	}
	out := vpConst(big.NewRat(1, 1))
	for i := 0; i < e; i++ {
		if out, err = p.mulChecked(out, base); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (p *vpParser) atom() (vpoly, error) {
	c := p.peek()
	switch {
	case c == '(':
		p.pos++
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, p.err("expected )")
		}
		p.pos++
		return e, nil
	case c == '-':
		p.pos++
		a, err := p.power()
		if err != nil {
			return nil, err
		}
		return vpoly{}.add(a, -1), nil
	case c >= '0' && c <= '9':
		start := p.pos
		for p.pos < len(p.in) && (p.in[p.pos] >= '0' && p.in[p.pos] <= '9' || p.in[p.pos] == '/') {
			p.pos++
		}
		r, ok := new(big.Rat).SetString(p.in[start:p.pos])
		if !ok {
			return nil, p.err("bad number %q", p.in[start:p.pos])
		}
		return vpConst(r), nil
	case c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		start := p.pos
		for p.pos < len(p.in) {
			x := p.in[p.pos]
			if x == '_' || x >= 'A' && x <= 'Z' || x >= 'a' && x <= 'z' || x >= '0' && x <= '9' {
				p.pos++
				continue
			}
			break
		}
		return vpVar(p.in[start:p.pos]), nil
	case c == 0:
		return nil, p.err("unexpected end of input")
	}
	return nil, p.err("unexpected %q", c)
}
