package acc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
)

// Bounds on untrusted input; each is named in the error that enforces it.
const (
	// MaxInputBytes bounds the JSON text of one condition list.
	MaxInputBytes = 64 << 10
	// MaxConditions bounds the conditions in a list, counted in all groups (Lit's limit).
	MaxConditions = 30
	// MaxGroupDepth bounds the nesting of groups: a list of conditions is depth 0, a group in it depth 1.
	MaxGroupDepth = 8
	// MaxStringBytes bounds every string (and number literal) in the input.
	MaxStringBytes = 4096
)

// Kind is the kind of a condition list, named by the request field that carries it.
type Kind uint8

// The four kinds, in the order the SDK looks for them.
const (
	EVMBasic    Kind = iota + 1 // accessControlConditions
	EVMContract                 // evmContractConditions
	SolRPC                      // solRpcConditions
	Unified                     // unifiedAccessControlConditions
)

var kindFields = [...]string{"", "accessControlConditions", "evmContractConditions", "solRpcConditions", "unifiedAccessControlConditions"}

// String is the request field name of the kind.
func (k Kind) String() string {
	if k < EVMBasic || k > Unified {
		return fmt.Sprintf("Kind(%d)", k)
	}
	return kindFields[k]
}

// ConditionType is the type of one condition, as a unified condition's conditionType names it.
type ConditionType string

// The condition types.
const (
	TypeEVMBasic    ConditionType = "evmBasic"
	TypeEVMContract ConditionType = "evmContract"
	TypeSolRPC      ConditionType = "solRpc"
	TypeCosmos      ConditionType = "cosmos"
)

// Comparators of returnValueTest. The numeric ones compare decimal integers of up to 256 bits where the
// value compared is a number (balances, timestamps, uint/int outputs), and strings byte-wise otherwise.
var comparators = map[string]bool{"=": true, "!=": true, ">": true, ">=": true, "<": true, "<=": true, "contains": true, "!contains": true}

// Standard contract types of EVM basic conditions (the SDK schema's list).
var standardTypes = map[string]bool{
	"": true, "ERC20": true, "ERC721": true, "ERC721MetadataName": true, "ERC1155": true, "timestamp": true,
	"LitAction": true, "SIWE": true, "PKPPermissions": true, "POAP": true, "CASK": true, "Creaton": true,
	"MolochDAOv2.1": true, "ProofOfHumanity": true,
}

// ReturnValueTest says what a condition's result is compared with.
type ReturnValueTest struct {
	Key        string // evmContract: the output's name ("" = the first); solRpc/cosmos: a JSONPath
	Comparator string
	Value      string
}

// Condition is one parsed condition. Which fields are set depends on Type.
type Condition struct {
	Type ConditionType
	// Path locates the condition in the input, e.g. "[2][0]": the third item's first item.
	Path  string
	Chain string

	// EVM basic.
	ContractAddress      string // also EVM contract
	StandardContractType string
	Method               string // also Solana (the RPC method) and Cosmos (optional)
	Parameters           []string

	// EVM contract.
	FunctionName   string
	FunctionParams []string
	Function       abi.Method // built from functionAbi

	// Cosmos.
	CosmosPath string

	ReturnValueTest ReturnValueTest

	canonical []byte // JSON.stringify of this condition's canonical form
}

// item is one element of a condition list: a condition, an operator, or a group.
type item struct {
	cond  *Condition
	op    string // "and" or "or"
	group []item
}

// Conditions is a parsed, validated condition list. It is immutable: safe to evaluate concurrently.
type Conditions struct {
	kind      Kind
	items     []item // as given (the hash covers these)
	eval      []item // with Lit's implicit ANDs inserted, for evaluation
	conds     []*Condition
	canonical []byte
	hash      [32]byte
}

// Kind is the list's kind.
func (c *Conditions) Kind() Kind { return c.kind }

// Canonical is JSON.stringify of the canonical form: the bytes the SDK hashes (and sends).
func (c *Conditions) Canonical() []byte { return append([]byte(nil), c.canonical...) }

// Hash is sha256 of Canonical.
func (c *Conditions) Hash() [32]byte { return c.hash }

// HashHex is Hash in lower-case hex, as in the identity and the session resource.
func (c *Conditions) HashHex() string { return hex.EncodeToString(c.hash[:]) }

// Resource is the ACC resource for a ciphertext, which is also its identity:
// lit-accesscontrolcondition://<HashHex>/<dataToEncryptHash>.
func (c *Conditions) Resource(dataToEncryptHash string) string {
	return "lit-accesscontrolcondition://" + c.HashHex() + "/" + dataToEncryptHash
}

// Conditions returns the conditions in input order (groups flattened).
func (c *Conditions) Conditions() []*Condition { return append([]*Condition(nil), c.conds...) }

// Fields carries the four request fields a condition list may come in; the node embeds it in its request
// shapes. The first present field, in the SDK's order, is the one used.
type Fields struct {
	AccessControlConditions        json.RawMessage `json:"accessControlConditions,omitempty"`
	EVMContractConditions          json.RawMessage `json:"evmContractConditions,omitempty"`
	SolRPCConditions               json.RawMessage `json:"solRpcConditions,omitempty"`
	UnifiedAccessControlConditions json.RawMessage `json:"unifiedAccessControlConditions,omitempty"`
}

// FieldsOf is how a request carries c: its canonical form under the field of its kind, the others empty. It
// is the inverse of Fields.Parse.
func FieldsOf(c *Conditions) Fields {
	canon := json.RawMessage(c.Canonical())
	switch c.Kind() {
	case EVMBasic:
		return Fields{AccessControlConditions: canon}
	case EVMContract:
		return Fields{EVMContractConditions: canon}
	case SolRPC:
		return Fields{SolRPCConditions: canon}
	}
	return Fields{UnifiedAccessControlConditions: canon}
}

// Parse parses the first present field (absent or null fields are skipped, as the SDK skips undefined ones).
func (f Fields) Parse() (*Conditions, error) {
	for i, raw := range []json.RawMessage{f.AccessControlConditions, f.EVMContractConditions, f.SolRPCConditions, f.UnifiedAccessControlConditions} {
		if s := strings.TrimSpace(string(raw)); s != "" && s != "null" {
			return Parse(Kind(i+1), raw)
		}
	}
	return nil, fmt.Errorf("%w: none of accessControlConditions, evmContractConditions, solRpcConditions, unifiedAccessControlConditions given", ErrNoConditions)
}

// Parse parses and validates a condition list of the given kind from its JSON text and computes its
// canonical form and hash.
func Parse(kind Kind, raw []byte) (*Conditions, error) {
	if kind < EVMBasic || kind > Unified {
		return nil, fmt.Errorf("%w: unknown kind %d", ErrInvalidCondition, kind)
	}
	if len(raw) > MaxInputBytes {
		return nil, fmt.Errorf("%w: %s is %d bytes (at most MaxInputBytes = %d)", ErrTooLarge, kind, len(raw), MaxInputBytes)
	}
	v, err := parseJSON(string(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	if v.kind != jarr {
		return nil, fmt.Errorf("%w: %s must be an array, not %s", ErrInvalidCondition, kind, v.kind)
	}
	if len(v.arr) == 0 {
		return nil, fmt.Errorf("%w: %s is empty", ErrNoConditions, kind)
	}
	p := &parser{kind: kind}
	items, canon, err := p.list(v, "", 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	c := &Conditions{kind: kind, items: items, conds: p.conds}
	c.canonical = canon.encode(nil)
	c.hash = sha256.Sum256(c.canonical)
	c.eval = items
	if kind == EVMBasic && len(items) > 1 && !hasOperator(items) {
		// Lit's legacy form: a list without operators means all of them.
		c.eval = nil
		for i, it := range items {
			if i > 0 {
				c.eval = append(c.eval, item{op: "and"})
			}
			c.eval = append(c.eval, it)
		}
	}
	if err := checkBoolean(c.eval, ""); err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	return c, nil
}

func hasOperator(items []item) bool {
	for _, it := range items {
		if it.op != "" || (it.group != nil && hasOperator(it.group)) {
			return true
		}
	}
	return false
}

// checkBoolean checks that every list alternates condition-or-group and operator, starting and ending with
// a condition or group (Lit's validate_boolean_expression).
func checkBoolean(items []item, path string) error {
	if len(items) == 0 {
		return fmt.Errorf("%w: empty group at %s", ErrInvalidBoolean, path)
	}
	for i, it := range items {
		at := fmt.Sprintf("%s[%d]", path, i)
		if (it.op != "") != (i%2 == 1) {
			if it.op != "" {
				return fmt.Errorf("%w: operator %q at %s where a condition or group belongs", ErrInvalidBoolean, it.op, at)
			}
			return fmt.Errorf("%w: a condition at %s where an operator belongs", ErrInvalidBoolean, at)
		}
		if it.group != nil {
			if err := checkBoolean(it.group, at); err != nil {
				return err
			}
		}
	}
	if len(items)%2 == 0 {
		return fmt.Errorf("%w: %s[%d] ends with an operator", ErrInvalidBoolean, path, len(items)-1)
	}
	return nil
}

type parser struct {
	kind  Kind
	conds []*Condition
}

// list parses an array of items at group depth depth, returning them and their canonical form.
func (p *parser) list(v *jvalue, path string, depth int) ([]item, *jvalue, error) {
	items := make([]item, 0, len(v.arr))
	canon := &jvalue{kind: jarr, arr: make([]*jvalue, 0, len(v.arr))}
	for i, e := range v.arr {
		at := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case e.kind == jarr:
			if depth+1 > MaxGroupDepth {
				return nil, nil, fmt.Errorf("%w: group at %s is nested %d deep (at most MaxGroupDepth = %d)", ErrTooDeep, at, depth+1, MaxGroupDepth)
			}
			if len(e.arr) == 0 {
				return nil, nil, fmt.Errorf("%w: empty group at %s", ErrInvalidBoolean, at)
			}
			g, gc, err := p.list(e, at, depth+1)
			if err != nil {
				return nil, nil, err
			}
			items = append(items, item{group: g})
			canon.arr = append(canon.arr, gc)
		case e.kind != jobj:
			return nil, nil, fmt.Errorf("%w: item %s is a %s, not a condition, operator or group", ErrInvalidCondition, at, e.kind)
		case e.has("operator"):
			// The SDK treats any object with an operator key as an operator and keeps only that key.
			op := e.get("operator")
			if op.kind != jstr || (op.str != "and" && op.str != "or") {
				return nil, nil, fmt.Errorf("%w: operator at %s must be \"and\" or \"or\"", ErrInvalidBoolean, at)
			}
			items = append(items, item{op: op.str})
			canon.arr = append(canon.arr, object(jmember{"operator", op}))
		case e.has("returnValueTest"):
			if len(p.conds) == MaxConditions {
				return nil, nil, fmt.Errorf("%w: more than MaxConditions = %d conditions (the %dth is at %s)", ErrTooManyConditions, MaxConditions, MaxConditions+1, at)
			}
			c, cc, err := p.condition(e, at)
			if err != nil {
				return nil, nil, err
			}
			p.conds = append(p.conds, c)
			items = append(items, item{cond: c})
			canon.arr = append(canon.arr, cc)
		default:
			return nil, nil, fmt.Errorf("%w: item %s has neither returnValueTest nor operator", ErrInvalidCondition, at)
		}
	}
	return items, canon, nil
}

// condition parses one condition of the list's kind.
func (p *parser) condition(v *jvalue, path string) (*Condition, *jvalue, error) {
	c := &Condition{Path: path}
	var canon *jvalue
	var err error
	switch p.kind {
	case EVMBasic:
		canon, err = c.evmBasic(v)
	case EVMContract:
		canon, err = c.evmContract(v)
	case SolRPC:
		canon, err = c.solRPC(v, false)
	default:
		canon, err = c.unified(v)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("condition %s: %w", path, err)
	}
	c.canonical = canon.encode(nil)
	return c, canon, nil
}

// unified dispatches on conditionType or, for the untagged form the SDK sends, on the fields present.
func (c *Condition) unified(v *jvalue) (*jvalue, error) {
	t := ConditionType("")
	if ct := v.get("conditionType"); ct != nil {
		if ct.kind != jstr {
			return nil, fmt.Errorf("%w: conditionType must be a string", ErrInvalidCondition)
		}
		t = ConditionType(ct.str)
	} else {
		var found []ConditionType
		for _, probe := range []struct {
			field string
			t     ConditionType
		}{{"standardContractType", TypeEVMBasic}, {"functionAbi", TypeEVMContract}, {"pdaInterface", TypeSolRPC}, {"path", TypeCosmos}} {
			if v.has(probe.field) {
				found = append(found, probe.t)
			}
		}
		if len(found) != 1 {
			return nil, fmt.Errorf("%w: no conditionType, and the fields do not say which type it is", ErrInvalidCondition)
		}
		t = found[0]
	}
	switch t {
	case TypeEVMBasic:
		return c.evmBasic(v)
	case TypeEVMContract:
		return c.evmContract(v)
	case TypeSolRPC:
		return c.solRPC(v, true)
	case TypeCosmos:
		return c.cosmos(v)
	}
	return nil, fmt.Errorf("%w: conditionType %q is not evmBasic, evmContract, solRpc or cosmos", ErrInvalidCondition, t)
}

func (c *Condition) evmBasic(v *jvalue) (*jvalue, error) {
	c.Type = TypeEVMBasic
	f := fields{v: v}
	ca, chain, sct, method := f.str("contractAddress"), f.chain(), f.str("standardContractType"), f.str("method")
	params := f.strs("parameters")
	rvt, rc := f.returnValueTest(false)
	if f.err != nil {
		return nil, f.err
	}
	if !standardTypes[sct.str] {
		return nil, fmt.Errorf("%w: unknown standardContractType %q", ErrInvalidCondition, sct.str)
	}
	c.ContractAddress, c.Chain, c.StandardContractType, c.Method = ca.str, chain.str, sct.str, method.str
	c.Parameters, c.ReturnValueTest = strsOf(params), rvt
	return object(jmember{"contractAddress", ca}, jmember{"chain", chain}, jmember{"standardContractType", sct},
		jmember{"method", method}, jmember{"parameters", params},
		jmember{"returnValueTest", object(jmember{"comparator", rc.get("comparator")}, jmember{"value", rc.get("value")})}), nil
}

func (c *Condition) evmContract(v *jvalue) (*jvalue, error) {
	c.Type = TypeEVMContract
	f := fields{v: v}
	ca, fname, fparams, fabi, chain := f.str("contractAddress"), f.str("functionName"), f.strs("functionParams"), f.obj("functionAbi"), f.chain()
	rvt, rc := f.returnValueTest(true)
	if f.err != nil {
		return nil, f.err
	}
	a := fields{v: fabi, in: "functionAbi."}
	name, inputs, outputs := a.str("name"), a.params("inputs"), a.params("outputs")
	constant, mutability := a.optional("constant", jbool), a.optional("stateMutability", jstr)
	if a.err != nil {
		return nil, a.err
	}
	if constant == nil {
		constant = &jvalue{kind: jbool}
	}
	method, err := buildMethod(name.str, mutability, inputs, outputs)
	if err != nil {
		return nil, err
	}
	c.ContractAddress, c.FunctionName, c.FunctionParams, c.Function, c.Chain, c.ReturnValueTest = ca.str, fname.str, strsOf(fparams), method, chain.str, rvt
	canonAbi := object(jmember{"name", name}, jmember{"inputs", canonParams(inputs)}, jmember{"outputs", canonParams(outputs)},
		jmember{"constant", constant}, jmember{"stateMutability", mutability})
	return object(jmember{"contractAddress", ca}, jmember{"functionName", fname}, jmember{"functionParams", fparams},
		jmember{"functionAbi", canonAbi}, jmember{"chain", chain}, jmember{"returnValueTest", rc}), nil
}

// buildMethod makes the go-ethereum ABI method a contract condition calls. Tuples cannot be described
// (the canonical form keeps only name and type of each parameter), so they are refused here.
func buildMethod(name string, mutability *jvalue, inputs, outputs *jvalue) (abi.Method, error) {
	args := func(list *jvalue, what string) (abi.Arguments, error) {
		var out abi.Arguments
		for i, p := range list.arr {
			typ := p.get("type").str
			if strings.HasPrefix(typ, "tuple") {
				return nil, fmt.Errorf("%w: functionAbi.%s[%d]: tuple types are not supported", ErrInvalidCondition, what, i)
			}
			t, err := abi.NewType(typ, "", nil)
			if err != nil {
				return nil, fmt.Errorf("%w: functionAbi.%s[%d]: type %q: %v", ErrInvalidCondition, what, i, typ, err)
			}
			out = append(out, abi.Argument{Name: p.get("name").str, Type: t})
		}
		return out, nil
	}
	in, err := args(inputs, "inputs")
	if err != nil {
		return abi.Method{}, err
	}
	out, err := args(outputs, "outputs")
	if err != nil {
		return abi.Method{}, err
	}
	if len(out) == 0 {
		return abi.Method{}, fmt.Errorf("%w: functionAbi has no outputs to test", ErrInvalidCondition)
	}
	sm := "view"
	if mutability != nil {
		sm = mutability.str
	}
	return abi.NewMethod(name, name, abi.Function, sm, false, false, in, out), nil
}

func canonParams(list *jvalue) *jvalue {
	out := &jvalue{kind: jarr, arr: []*jvalue{}}
	for _, p := range list.arr {
		out.arr = append(out.arr, object(jmember{"name", p.get("name")}, jmember{"type", p.get("type")}))
	}
	return out
}

// solRPC parses a Solana RPC condition: version 2 (pdaParams, pdaInterface, pdaKey) when pdaParams is
// given or the list is unified, else version 1. Params and pdaInterface.fields are kept as given.
func (c *Condition) solRPC(v *jvalue, requireV2 bool) (*jvalue, error) {
	c.Type = TypeSolRPC
	f := fields{v: v}
	method, params, chain := f.str("method"), f.arr("params"), f.chain()
	rvt, rc := f.returnValueTest(false)
	if f.err != nil {
		return nil, f.err
	}
	c.Method, c.Chain, c.ReturnValueTest = method.str, chain.str, rvt
	if !v.has("pdaParams") && !requireV2 {
		return object(jmember{"method", method}, jmember{"params", params}, jmember{"chain", chain}, jmember{"returnValueTest", rc}), nil
	}
	pdaParams := f.optional("pdaParams", jarr)
	pda, key := f.obj("pdaInterface"), f.str("pdaKey")
	if f.err != nil {
		return nil, fmt.Errorf("%w (Solana RPC conditions of version 2 need pdaInterface and pdaKey)", f.err)
	}
	if pdaParams != nil {
		for _, e := range pdaParams.arr {
			if e.kind != jstr {
				return nil, fmt.Errorf("%w: pdaParams must hold strings", ErrInvalidCondition)
			}
		}
	}
	pf := fields{v: pda, in: "pdaInterface."}
	offset, pfields := pf.value("offset", jnum), pf.obj("fields")
	if pf.err != nil {
		return nil, pf.err
	}
	return object(jmember{"method", method}, jmember{"params", params}, jmember{"pdaParams", pdaParams},
		jmember{"pdaInterface", object(jmember{"offset", offset}, jmember{"fields", pfields})},
		jmember{"pdaKey", key}, jmember{"chain", chain}, jmember{"returnValueTest", rc}), nil
}

func (c *Condition) cosmos(v *jvalue) (*jvalue, error) {
	c.Type = TypeCosmos
	f := fields{v: v}
	path, chain := f.str("path"), f.chain()
	method, params := f.optional("method", jstr), f.optional("parameters", jarr)
	rvt, rc := f.returnValueTest(false)
	if f.err != nil {
		return nil, f.err
	}
	if params != nil {
		for _, e := range params.arr {
			if e.kind != jstr {
				return nil, fmt.Errorf("%w: parameters must hold strings", ErrInvalidCondition)
			}
		}
		c.Parameters = strsOf(params)
	}
	if method != nil {
		c.Method = method.str
	}
	c.CosmosPath, c.Chain, c.ReturnValueTest = path.str, chain.str, rvt
	return object(jmember{"path", path}, jmember{"chain", chain}, jmember{"method", method}, jmember{"parameters", params},
		jmember{"returnValueTest", rc}), nil
}

// fields reads typed fields of an object, keeping the first error.
type fields struct {
	v   *jvalue
	in  string // prefix for error messages
	err error
}

func (f *fields) fail(format string, args ...any) {
	if f.err == nil {
		f.err = fmt.Errorf("%w: "+f.in+format, append([]any{ErrInvalidCondition}, args...)...)
	}
}

// value returns the required field key of kind k.
func (f *fields) value(key string, k jkind) *jvalue {
	v := f.v.get(key)
	if v == nil {
		f.fail("%s is missing", key)
		return &jvalue{kind: k}
	}
	if v.kind != k {
		f.fail("%s must be a %s, not a %s", key, k, v.kind)
		return &jvalue{kind: k}
	}
	return v
}

// optional returns the field key of kind k, or nil when absent (undefined: JSON.stringify leaves it out).
func (f *fields) optional(key string, k jkind) *jvalue {
	v := f.v.get(key)
	if v != nil && v.kind != k {
		f.fail("%s must be a %s, not a %s", key, k, v.kind)
		return nil
	}
	return v
}

func (f *fields) str(key string) *jvalue { return f.value(key, jstr) }
func (f *fields) obj(key string) *jvalue { return f.value(key, jobj) }
func (f *fields) arr(key string) *jvalue {
	v := f.value(key, jarr)
	if v.arr == nil {
		v.arr = []*jvalue{}
	}
	return v
}

func (f *fields) chain() *jvalue {
	v := f.str("chain")
	if f.err == nil && v.str == "" {
		f.fail("chain is empty")
	}
	return v
}

// strs returns the required array of strings key.
func (f *fields) strs(key string) *jvalue {
	v := f.arr(key)
	for i, e := range v.arr {
		if e.kind != jstr {
			f.fail("%s[%d] must be a string", key, i)
		}
	}
	return v
}

// params returns the required array of ABI parameters {name, type} key.
func (f *fields) params(key string) *jvalue {
	v := f.arr(key)
	for i, e := range v.arr {
		if e.kind != jobj {
			f.fail("%s[%d] must be an object", key, i)
			continue
		}
		p := fields{v: e, in: fmt.Sprintf("%s%s[%d].", f.in, key, i)}
		p.str("name")
		p.str("type")
		if p.err != nil && f.err == nil {
			f.err = p.err
		}
	}
	return v
}

// returnValueTest reads returnValueTest; the key is required for EVM contract conditions, optional
// elsewhere. It returns the parsed test and its canonical object: {key?, comparator, value}, where EVM
// basic callers drop the key.
func (f *fields) returnValueTest(needKey bool) (ReturnValueTest, *jvalue) {
	v := f.obj("returnValueTest")
	if f.err != nil {
		return ReturnValueTest{}, nil
	}
	r := fields{v: v, in: f.in + "returnValueTest."}
	var key *jvalue
	if needKey {
		key = r.str("key")
	} else {
		key = r.optional("key", jstr)
	}
	cmp, val := r.str("comparator"), r.str("value")
	if r.err != nil {
		f.err = r.err
		return ReturnValueTest{}, nil
	}
	if !comparators[cmp.str] {
		f.fail("returnValueTest.comparator %q is not one of = != > >= < <= contains !contains", cmp.str)
		return ReturnValueTest{}, nil
	}
	t := ReturnValueTest{Comparator: cmp.str, Value: val.str}
	if key != nil {
		t.Key = key.str
	}
	return t, object(jmember{"key", key}, jmember{"comparator", cmp}, jmember{"value", val})
}

// object builds a canonical object in the given key order, leaving out nil (undefined) members.
func object(ms ...jmember) *jvalue {
	v := &jvalue{kind: jobj}
	for _, m := range ms {
		if m.val != nil {
			v.obj = append(v.obj, m)
		}
	}
	return v
}

func strsOf(v *jvalue) []string {
	out := make([]string, len(v.arr))
	for i, e := range v.arr {
		out[i] = e.str
	}
	return out
}
