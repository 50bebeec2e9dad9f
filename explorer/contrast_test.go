package explorer

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// palette reads the custom properties of colour (--name: #rrggbb) in css.
func palette(css string) map[string][3]float64 {
	out := map[string][3]float64{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*#([0-9a-fA-F]{6})\b`).FindAllStringSubmatch(css, -1) {
		var c [3]float64
		for i := range c {
			v, _ := strconv.ParseUint(m[2][2*i:2*i+2], 16, 8)
			c[i] = float64(v)
		}
		out[m[1]] = c
	}
	return out
}

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c [3]float64) float64 {
	var l [3]float64
	for i, v := range c {
		v /= 255
		if v <= 0.04045 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func contrast(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// colourPairs are the (text, background) pairs of custom properties the stylesheet's rules put
// together: a rule's color on its background; a color alone on the page's two backgrounds (bg,
// and panel, which boxes, charts and the editor sit on); a background alone under the page's text.
func colourPairs(css string) map[[2]string][]string {
	colorRe := regexp.MustCompile(`(?:^|[;{\s])color:\s*var\(--([a-z-]+)\)`)
	bgRe := regexp.MustCompile(`background:\s*var\(--([a-z-]+)\)`)
	pairs := map[[2]string][]string{}
	for _, m := range regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`).FindAllStringSubmatch(css, -1) {
		sel, body := strings.TrimSpace(m[1]), m[2]
		if strings.HasPrefix(sel, ":root") {
			continue
		}
		fg, bg := colorRe.FindStringSubmatch(" "+body), bgRe.FindStringSubmatch(body)
		switch {
		case fg != nil && bg != nil:
			pairs[[2]string{fg[1], bg[1]}] = append(pairs[[2]string{fg[1], bg[1]}], sel)
		case fg != nil:
			for _, b := range []string{"bg", "panel"} {
				pairs[[2]string{fg[1], b}] = append(pairs[[2]string{fg[1], b}], sel)
			}
		case bg != nil:
			pairs[[2]string{"fg", bg[1]}] = append(pairs[[2]string{"fg", bg[1]}], sel)
		}
	}
	return pairs
}

// Every text colour the stylesheet uses is at least 4.5:1 (WCAG 2 AA for text) against the
// background it is used on, in the light scheme and in the dark one, computed from app.css itself.
func TestContrast(t *testing.T) {
	b, err := web.ReadFile("web/static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	dark := strings.Index(css, "@media (prefers-color-scheme: dark)")
	if dark < 0 {
		t.Fatal("app.css has no dark scheme")
	}
	end := dark + strings.Index(css[dark:], "}\n}") // the dark :root block
	light := palette(css[:dark])
	schemes := map[string]map[string][3]float64{"light": light, "dark": palette(css[dark:end])}
	pairs := colourPairs(css)
	if len(pairs) < 10 {
		t.Fatalf("only %d colour pairs found in app.css: the parser missed the rules", len(pairs))
	}
	lowest := math.Inf(1)
	var lowestWhat string
	for name, pal := range schemes {
		if len(pal) != len(light) {
			t.Errorf("%s scheme: %d colours, the light one %d: each needs its own", name, len(pal), len(light))
		}
		for p, sels := range pairs {
			fg, ok1 := pal[p[0]]
			bg, ok2 := pal[p[1]]
			if !ok1 || !ok2 {
				t.Errorf("%s scheme: --%s on --%s (%s): colour not defined", name, p[0], p[1], sels[0])
				continue
			}
			c := contrast(fg, bg)
			what := fmt.Sprintf("%s: --%s on --%s (%s) %.2f:1", name, p[0], p[1], strings.Join(sels, ", "), c)
			if c < 4.5 {
				t.Errorf("%s; want at least 4.5:1", what)
			}
			if c < lowest {
				lowest, lowestWhat = c, what
			}
		}
	}
	t.Logf("%d pairs in 2 schemes; the lowest is %s", len(pairs), lowestWhat)
}

// The check itself: WCAG's published extremes and a known pair.
func TestContrastFormula(t *testing.T) {
	for _, tc := range []struct {
		a, b [3]float64
		want float64
	}{
		{[3]float64{0, 0, 0}, [3]float64{255, 255, 255}, 21},
		{[3]float64{255, 255, 255}, [3]float64{255, 255, 255}, 1},
		{[3]float64{0x76, 0x76, 0x76}, [3]float64{255, 255, 255}, 4.54}, // #767676, the lightest grey that passes on white
	} {
		if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}
