package acc

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Chain is what evaluation needs of an EVM chain. *ethclient.Client implements it.
type Chain interface {
	// HeaderByNumber with a nil number returns the latest header: its number pins the block every other
	// call of one evaluation reads, its time is what timestamp conditions compare.
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	BalanceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (*big.Int, error)
	CallContract(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
}

// Chains maps a condition's chain name to a Chain. An unknown name is an error wrapping
// ErrUnsupportedChain that names it.
type Chains interface {
	Chain(name string) (Chain, error)
}

// ChainMap is Chains from a fixed map of names.
type ChainMap map[string]Chain

// Chain returns the named chain or an ErrUnsupportedChain error naming it.
func (m ChainMap) Chain(name string) (Chain, error) {
	if c, ok := m[name]; ok && c != nil {
		return c, nil
	}
	return nil, fmt.Errorf("%w: %q is not configured on this network", ErrUnsupportedChain, name)
}

// ActionRunner runs a LitAction condition: the Action with the given IPFS CID, calling its function
// method with params (special parameters already substituted), and returns what it returned, as a
// string. The node binds the caller's auth context into the runner it hands to Evaluate.
type ActionRunner interface {
	RunCondition(ctx context.Context, cid, method string, params []string) (string, error)
}

// Env is what a condition may refer to besides the chains.
type Env struct {
	// UserAddress is the authenticated caller (:userAddress). The zero address means there is none (an
	// Action decrypting for itself): conditions on :userAddress are then not met.
	UserAddress common.Address
	// CurrentActionIPFSID is the CID of the Action evaluating the conditions (:currentActionIpfsId), or "".
	CurrentActionIPFSID string
	// LitParams are the caller's :litParam:<name> values (from its SIWE resources), by name.
	LitParams map[string]string
	// SIWE holds what SIWE conditions test of the caller's signed message; nil refuses them.
	SIWE *SIWE
	// Chains resolves chain names. Nil: no chain is configured.
	Chains Chains
	// Actions runs LitAction conditions. Nil: they are refused.
	Actions ActionRunner
	// Cache, if set, keeps chain-dependent results per block.
	Cache *Cache
}

// SIWE is what SIWE conditions (":domain", ":resources") read of the caller's SIWE message.
type SIWE struct {
	Domain    string
	Resources []string
}

// Result is the outcome of an evaluation that could be carried out.
type Result struct {
	OK bool
	// Failures, when !OK, are the conditions whose results made the whole false, in input order.
	Failures []Failure
}

// Failure is one condition that was not met.
type Failure struct {
	Path      string // e.g. "[2][0]"
	Condition string // a short description, e.g. "ERC721 ownerOf(7) on sepolia"
	Reason    string // e.g. "owner 0x… is not 0x…"
}

func (f Failure) String() string {
	return fmt.Sprintf("condition %s (%s): %s", f.Path, f.Condition, f.Reason)
}

// Reason says why the conditions are not met, for the node's refusal; "" if they are.
func (r Result) Reason() string {
	if r.OK {
		return ""
	}
	parts := make([]string, len(r.Failures))
	for i, f := range r.Failures {
		parts[i] = f.String()
	}
	return "access control conditions not met: " + strings.Join(parts, "; ")
}

// Evaluate checks the conditions for env. It reads conditions left to right as Lit's node does, without
// operator precedence, and stops early: a false before "and" or a true before "or" decides without
// evaluating what follows. An error (unknown chain, failed chain call, unusable condition) means the
// conditions could not be checked; the caller must refuse then too.
func Evaluate(ctx context.Context, c *Conditions, env Env) (Result, error) {
	e := &evaluator{env: env, heads: map[string]*head{}}
	ok, fails, err := e.list(ctx, c.eval)
	if err != nil {
		return Result{}, err
	}
	if ok {
		return Result{OK: true}, nil
	}
	return Result{Failures: fails}, nil
}

type evaluator struct {
	env   Env
	heads map[string]*head // per chain name: the block this evaluation reads
}

type head struct {
	chain  Chain
	header *types.Header
}

// list folds items from the left; fails explains a false value.
func (e *evaluator) list(ctx context.Context, items []item) (bool, []Failure, error) {
	acc, fails, err := e.item(ctx, items[0])
	if err != nil {
		return false, nil, err
	}
	for i := 1; i+1 < len(items); i += 2 {
		op, next := items[i].op, items[i+1]
		if (op == "and" && !acc) || (op == "or" && acc) {
			continue // decided: next is not evaluated
		}
		v, f, err := e.item(ctx, next)
		if err != nil {
			return false, nil, err
		}
		switch {
		case v:
			acc, fails = true, nil
		case op == "and":
			acc, fails = false, f
		default: // or: both sides false
			acc, fails = false, append(fails, f...)
		}
	}
	return acc, fails, nil
}

func (e *evaluator) item(ctx context.Context, it item) (bool, []Failure, error) {
	if it.group != nil {
		return e.list(ctx, it.group)
	}
	if err := ctx.Err(); err != nil {
		return false, nil, err
	}
	reason, err := e.condition(ctx, it.cond)
	if err != nil {
		return false, nil, fmt.Errorf("condition %s (%s): %w", it.cond.Path, it.cond.describe(), err)
	}
	if reason != "" {
		return false, []Failure{{Path: it.cond.Path, Condition: it.cond.describe(), Reason: reason}}, nil
	}
	return true, nil, nil
}

// condition evaluates one condition: "" if met, else the reason it is not.
func (e *evaluator) condition(ctx context.Context, c *Condition) (string, error) {
	switch c.Type {
	case TypeEVMBasic:
		return e.evmBasic(ctx, c)
	case TypeEVMContract:
		return e.cached(ctx, c, e.evmContract)
	case TypeSolRPC:
		return "", fmt.Errorf("%w: Solana chain %q (Solana RPC conditions are not supported by this network)", ErrUnsupportedChain, c.Chain)
	default:
		return "", fmt.Errorf("%w: Cosmos chain %q (Cosmos conditions are not supported by this network)", ErrUnsupportedChain, c.Chain)
	}
}

// head returns the chain named and the latest block, fetched once per evaluation.
func (e *evaluator) head(ctx context.Context, name string) (*head, error) {
	if h, ok := e.heads[name]; ok {
		return h, nil
	}
	if e.env.Chains == nil {
		return nil, fmt.Errorf("%w: %q (no chains are configured)", ErrUnsupportedChain, name)
	}
	ch, err := e.env.Chains.Chain(name)
	if err != nil {
		if !errors.Is(err, ErrUnsupportedChain) {
			err = fmt.Errorf("%w: %q: %w", ErrUnsupportedChain, name, err)
		}
		return nil, err
	}
	hdr, err := ch.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: latest block of %s: %w", ErrChain, name, err)
	}
	if hdr == nil || hdr.Number == nil {
		return nil, fmt.Errorf("%w: latest block of %s: no header", ErrChain, name)
	}
	h := &head{chain: ch, header: hdr}
	e.heads[name] = h
	return h, nil
}

// cached runs a chain-dependent check through the cache, keyed by the condition, everything its special
// parameters may stand for, and the block read.
func (e *evaluator) cached(ctx context.Context, c *Condition, check func(context.Context, *Condition, *head) (string, error)) (string, error) {
	h, err := e.head(ctx, c.Chain)
	if err != nil {
		return "", err
	}
	if e.env.Cache == nil {
		return check(ctx, c, h)
	}
	key := e.cacheKey(c, h.header.Number)
	if reason, ok := e.env.Cache.get(key); ok {
		return reason, nil
	}
	reason, err := check(ctx, c, h)
	if err == nil {
		e.env.Cache.put(key, reason)
	}
	return reason, err
}

func (e *evaluator) cacheKey(c *Condition, block *big.Int) [32]byte {
	hh := sha256.New()
	hh.Write(c.canonical)
	hh.Write([]byte{0})
	hh.Write(e.env.UserAddress[:])
	hh.Write([]byte(e.env.CurrentActionIPFSID))
	hh.Write([]byte{0})
	for _, p := range append(append([]string(nil), c.Parameters...), c.FunctionParams...) {
		if name, ok := strings.CutPrefix(p, ":litParam:"); ok {
			fmt.Fprintf(hh, "%q=%q;", name, e.env.LitParams[name])
		}
	}
	hh.Write([]byte{0})
	hh.Write(block.Bytes())
	var k [32]byte
	hh.Sum(k[:0])
	return k
}

// errNotMet carries the reason a special parameter has no value: the condition is not met (so that, in
// an "or", another branch may still pass), rather than an error.
type errNotMet string

func (e errNotMet) Error() string { return string(e) }

// subst replaces a special parameter by its value.
func (e *evaluator) subst(p string) (string, error) {
	switch {
	case p == ":userAddress":
		if e.env.UserAddress == (common.Address{}) {
			return "", errNotMet("there is no authenticated caller address for :userAddress")
		}
		return e.env.UserAddress.Hex(), nil
	case p == ":currentActionIpfsId":
		return e.env.CurrentActionIPFSID, nil
	case strings.HasPrefix(p, ":litParam:"):
		name := strings.TrimPrefix(p, ":litParam:")
		v, ok := e.env.LitParams[name]
		if !ok {
			return "", errNotMet(fmt.Sprintf("the caller gave no litParam %q", name))
		}
		return v, nil
	}
	return p, nil
}

// notMet turns an errNotMet into a reason and passes other errors on.
func notMet(err error) (string, error) {
	var nm errNotMet
	if errors.As(err, &nm) {
		return string(nm), nil
	}
	return "", err
}

func (e *evaluator) param(c *Condition, i int) (string, error) {
	if i >= len(c.Parameters) {
		return "", fmt.Errorf("%w: %s %s needs parameter %d", ErrInvalidCondition, c.StandardContractType, c.Method, i)
	}
	return e.subst(c.Parameters[i])
}

func (e *evaluator) addressParam(c *Condition, i int) (common.Address, error) {
	s, err := e.param(c, i)
	if err != nil {
		return common.Address{}, err
	}
	return parseAddress(s)
}

func (e *evaluator) evmBasic(ctx context.Context, c *Condition) (string, error) {
	switch c.StandardContractType {
	case "":
		switch c.Method {
		case "":
			// No chain is read: a caller or an Action CID is compared. Lit resolved the chain here too;
			// Flint does not, so that the habitual chain "ethereum" works on networks without it.
			if len(c.Parameters) == 0 {
				return "", fmt.Errorf("%w: a condition with method \"\" needs parameters[0]", ErrInvalidCondition)
			}
			got, err := e.subst(c.Parameters[0])
			if err != nil {
				return notMet(err)
			}
			if c.Parameters[0] == ":userAddress" {
				want, err := e.subst(c.ReturnValueTest.Value)
				if err != nil {
					return notMet(err)
				}
				return compareAddress(common.HexToAddress(got), want, c.ReturnValueTest.Comparator, "caller")
			}
			return compareString(got, c.ReturnValueTest.Value, c.ReturnValueTest.Comparator, c.Parameters[0])
		case "eth_getBalance":
			return e.cached(ctx, c, func(ctx context.Context, c *Condition, h *head) (string, error) {
				addr, err := e.addressParam(c, 0)
				if err != nil {
					return notMet(err)
				}
				bal, err := h.chain.BalanceAt(ctx, addr, h.header.Number)
				if err != nil {
					return "", fmt.Errorf("%w: eth_getBalance(%s) on %s: %w", ErrChain, addr.Hex(), c.Chain, err)
				}
				return compareUint(bal, c.ReturnValueTest, "balance")
			})
		}
		return "", fmt.Errorf("%w: RPC method %q (only eth_getBalance is)", ErrUnsupportedCondition, c.Method)
	case "timestamp":
		h, err := e.head(ctx, c.Chain)
		if err != nil {
			return "", err
		}
		return compareUint(new(big.Int).SetUint64(h.header.Time), c.ReturnValueTest, "latest block time")
	case "LitAction":
		return e.litAction(ctx, c)
	case "SIWE":
		return e.siwe(c)
	case "ERC20", "ERC721", "ERC721MetadataName", "ERC1155", "PKPPermissions":
		return e.cached(ctx, c, e.standardCall)
	}
	return "", fmt.Errorf("%w: standardContractType %q", ErrUnsupportedCondition, c.StandardContractType)
}

func (e *evaluator) litAction(ctx context.Context, c *Condition) (string, error) {
	cid, ok := strings.CutPrefix(c.ContractAddress, "ipfs://")
	if !ok || cid == "" {
		return "", fmt.Errorf("%w: a LitAction condition's contractAddress must be ipfs://<cid>, not %q", ErrInvalidCondition, c.ContractAddress)
	}
	if e.env.Actions == nil {
		return "", fmt.Errorf("%w: LitAction conditions cannot be run here", ErrUnsupportedCondition)
	}
	params := make([]string, len(c.Parameters))
	for i, p := range c.Parameters {
		v, err := e.subst(p)
		if err != nil {
			return notMet(err)
		}
		params[i] = v
	}
	out, err := e.env.Actions.RunCondition(ctx, cid, c.Method, params)
	if err != nil {
		return "", fmt.Errorf("%w: %s %s: %w", ErrAction, cid, c.Method, err)
	}
	return compareString(out, c.ReturnValueTest.Value, c.ReturnValueTest.Comparator, "the Action's result")
}

// siwe tests the caller's SIWE message: ":domain" compared as a string, ":resources" with contains or
// !contains (whether one of the resources equals the value), as Lit's node does.
func (e *evaluator) siwe(c *Condition) (string, error) {
	if e.env.SIWE == nil {
		return "", fmt.Errorf("%w: SIWE conditions need the caller's SIWE message, which this request has not", ErrUnsupportedCondition)
	}
	t := c.ReturnValueTest
	switch {
	case len(c.Parameters) > 0 && c.Parameters[0] == ":domain":
		return compareString(e.env.SIWE.Domain, t.Value, t.Comparator, "SIWE domain")
	case len(c.Parameters) > 0 && c.Parameters[0] == ":resources":
		has := false
		for _, r := range e.env.SIWE.Resources {
			has = has || r == t.Value
		}
		switch t.Comparator {
		case "contains":
			if !has {
				return fmt.Sprintf("SIWE resources do not contain %q", t.Value), nil
			}
		case "!contains":
			if has {
				return fmt.Sprintf("SIWE resources contain %q", t.Value), nil
			}
		default:
			return "", fmt.Errorf("%w: SIWE :resources take contains or !contains, not %q", ErrInvalidCondition, t.Comparator)
		}
		return "", nil
	}
	return "", fmt.Errorf("%w: SIWE conditions test :domain or :resources", ErrInvalidCondition)
}

// describe is a short human description of the condition, for failures and errors.
func (c *Condition) describe() string {
	switch c.Type {
	case TypeEVMBasic:
		what := c.StandardContractType
		switch {
		case what == "" && c.Method == "":
			if len(c.Parameters) > 0 {
				return c.Parameters[0]
			}
			return "empty condition"
		case what == "timestamp":
			return "timestamp on " + c.Chain
		case what == "LitAction":
			return fmt.Sprintf("LitAction %s %s(%s)", strings.TrimPrefix(c.ContractAddress, "ipfs://"), c.Method, strings.Join(c.Parameters, ", "))
		case what == "":
			return fmt.Sprintf("%s(%s) on %s", c.Method, strings.Join(c.Parameters, ", "), c.Chain)
		}
		return fmt.Sprintf("%s %s(%s) of %s on %s", what, c.Method, strings.Join(c.Parameters, ", "), c.ContractAddress, c.Chain)
	case TypeEVMContract:
		return fmt.Sprintf("%s(%s) of %s on %s", c.FunctionName, strings.Join(c.FunctionParams, ", "), c.ContractAddress, c.Chain)
	case TypeSolRPC:
		return fmt.Sprintf("Solana %s on %s", c.Method, c.Chain)
	default:
		return fmt.Sprintf("Cosmos %s on %s", c.CosmosPath, c.Chain)
	}
}
