package actions

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// The shape of console output follows Deno (which ran Lit's Actions): strings print raw at the top level
// and quoted inside objects, objects as { key: value }, arrays as [ a, b ], nested four levels deep.
const (
	inspectDepth = 4
	inspectItems = 100
)

// formatLog renders console arguments, with printf-style directives in a leading string.
func (x *execution) formatLog(args []goja.Value) string {
	var parts []string
	if len(args) > 0 {
		if s, ok := asString(args[0]); ok && strings.Contains(s, "%") {
			var b strings.Builder
			rest := args[1:]
			for i := 0; i < len(s); i++ {
				if s[i] != '%' || i+1 == len(s) {
					b.WriteByte(s[i])
					continue
				}
				verb := s[i+1]
				if verb == '%' {
					b.WriteByte('%')
					i++
					continue
				}
				if !strings.ContainsRune("sdifoOc", rune(verb)) || len(rest) == 0 {
					b.WriteByte(s[i])
					continue
				}
				arg := rest[0]
				rest = rest[1:]
				i++
				switch verb {
				case 's':
					b.WriteString(x.inspectTop(arg))
				case 'd', 'i':
					f := arg.ToFloat()
					if verb == 'i' || f == float64(int64(f)) {
						b.WriteString(strconv.FormatInt(int64(f), 10))
					} else {
						b.WriteString(x.rt.ToValue(f).String())
					}
				case 'f':
					b.WriteString(x.rt.ToValue(arg.ToFloat()).String())
				case 'o', 'O':
					b.WriteString(x.inspect(arg, 0, nil))
				}
			}
			parts = append(parts, b.String())
			args = rest
		}
	}
	for _, a := range args {
		parts = append(parts, x.inspectTop(a))
	}
	return strings.Join(parts, " ")
}

func (x *execution) inspectTop(v goja.Value) string {
	if s, ok := asString(v); ok {
		return s
	}
	return x.inspect(v, 0, nil)
}

var identifier = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// inspect renders any value; seen holds the objects on the current path, to cut cycles.
func (x *execution) inspect(v goja.Value, depth int, seen []*goja.Object) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if sym, ok := v.(*goja.Symbol); ok {
		return "Symbol(" + sym.String() + ")"
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		switch e := v.Export().(type) {
		case string:
			return strconv.Quote(e)
		case *big.Int:
			return e.String() + "n"
		}
		return v.String()
	}
	for _, s := range seen {
		if s == obj {
			return "[Circular]"
		}
	}
	if _, ok := goja.AssertFunction(obj); ok {
		name := obj.Get("name")
		if name == nil || name.String() == "" {
			return "[Function (anonymous)]"
		}
		return "[Function: " + name.String() + "]"
	}
	if ctor, ok := x.ctors.errorCtor.(*goja.Object); ok && x.rt.InstanceOf(obj, ctor) {
		s := describeValue(obj)
		if st := obj.Get("stack"); st != nil && !goja.IsUndefined(st) {
			if frames := cleanStack(st.String()); frames != "" {
				s += "\n" + frames
			}
		}
		return s
	}
	if depth >= inspectDepth {
		if obj.ClassName() == "Array" {
			return "[Array]"
		}
		return "[Object]"
	}
	seen = append(seen, obj)
	ctorName := ""
	if c, ok := obj.Get("constructor").(*goja.Object); ok {
		if n := c.Get("name"); n != nil {
			ctorName = n.String()
		}
	}
	switch e := obj.Export().(type) {
	case goja.ArrayBuffer:
		return "ArrayBuffer { byteLength: " + strconv.Itoa(len(e.Bytes())) + " }"
	case *goja.Promise:
		switch e.State() {
		case goja.PromiseStatePending:
			return "Promise { <pending> }"
		case goja.PromiseStateRejected:
			return "Promise { <rejected> " + x.inspect(e.Result(), depth+1, seen) + " }"
		}
		return "Promise { " + x.inspect(e.Result(), depth+1, seen) + " }"
	case []byte, []int8, []int16, []uint16, []int32, []uint32, []float32, []float64, []int64, []uint64:
		n := int(obj.Get("length").ToInteger())
		items := make([]string, 0, min(n, inspectItems))
		for i := 0; i < n && i < inspectItems; i++ {
			items = append(items, obj.Get(strconv.Itoa(i)).String())
		}
		return ctorName + "(" + strconv.Itoa(n) + ") " + list("[", items, n, "]")
	}
	switch obj.ClassName() {
	case "Array":
		n := int(obj.Get("length").ToInteger())
		items := make([]string, 0, min(n, inspectItems))
		for i := 0; i < n && i < inspectItems; i++ {
			items = append(items, x.inspect(obj.Get(strconv.Itoa(i)), depth+1, seen))
		}
		return list("[", items, n, "]")
	case "Date":
		if f, ok := goja.AssertFunction(obj.Get("toISOString")); ok {
			if s, err := f(obj); err == nil {
				return s.String()
			}
		}
		return "Invalid Date"
	case "RegExp":
		return obj.String()
	}
	if ctorName == "Map" || ctorName == "Set" {
		var items []string
		n := 0
		x.rt.ForOf(obj, func(item goja.Value) bool {
			n++
			if len(items) < inspectItems {
				if ctorName == "Map" {
					kv := item.ToObject(x.rt)
					items = append(items, x.inspect(kv.Get("0"), depth+1, seen)+" => "+x.inspect(kv.Get("1"), depth+1, seen))
				} else {
					items = append(items, x.inspect(item, depth+1, seen))
				}
			}
			return true
		})
		return ctorName + "(" + strconv.Itoa(n) + ") " + list("{", items, n, "}")
	}
	keys := obj.Keys()
	items := make([]string, 0, min(len(keys), inspectItems))
	for i, k := range keys {
		if i == inspectItems {
			break
		}
		name := k
		if !identifier.MatchString(k) {
			name = strconv.Quote(k)
		}
		items = append(items, name+": "+x.inspect(obj.Get(k), depth+1, seen))
	}
	prefix := ""
	if ctorName != "" && ctorName != "Object" {
		prefix = ctorName + " "
	}
	return prefix + list("{", items, len(keys), "}")
}

func list(open string, items []string, total int, close string) string {
	if total == 0 {
		return open + close
	}
	if total > len(items) {
		items = append(items, "... "+strconv.Itoa(total-len(items))+" more items")
	}
	return open + " " + strings.Join(items, ", ") + " " + close
}
