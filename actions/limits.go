package actions

import (
	"errors"
	"fmt"
	"time"
)

// Limits bounds one execution: an Action together with the child Actions it calls. A zero field takes
// its default (DefaultLimits), which are the limits Lit's nodes enforced.
type Limits struct {
	Timeout       time.Duration // wall time of the whole execution
	Memory        int64         // bytes of JavaScript heap (see the package doc for what is counted)
	CodeSize      int           // bytes of code of each Action
	ResponseSize  int           // bytes of the string given to setResponse
	LogSize       int           // bytes of console output, all Actions of the execution together
	Fetches       int           // fetch calls
	FetchSize     int64         // bytes of one fetch response body
	FetchTimeout  time.Duration // one fetch, redirects included
	FetchBytes    int64         // bytes of all fetch response bodies together
	Egress        *Egress       // where fetch may connect; nil is the default policy (see Egress)
	Signatures    int           // signEcdsa, ethPersonalSignMessageEcdsa and signAndCombineEcdsa calls
	ContractCalls int           // callContract calls
	Broadcasts    int           // broadcastAndCollect, signAndCombineEcdsa and waiting runOnce calls
	CallDepth     int           // nesting of Lit.Actions.call
	Calls         int           // Lit.Actions.call children, at every depth together
	Claims        int           // claimKey calls
	KeyIDSize     int           // bytes of one claimKey keyId
	Conditions    int           // checkConditions, decryptAndCombine and decryptToSingleNode calls
	SecretSize    int           // bytes of the data given to encrypt, and of a ciphertext to decrypt
	// HostCalls, HostBytes and HostInFlight are one budget for every call the execution makes to its
	// node (signing, permission getters, getLatestNonce, getRpcUrl, callContract, child code, claims,
	// broadcasts, runOnce): how many, how many bytes of arguments and results (as JSON), and how many
	// at once. The per-kind limits above still apply.
	HostCalls    int
	HostBytes    int64
	HostInFlight int
	// AnswerSize bounds what the node answers: response, logs, and each signature and claim entry.
	// Zero takes ResponseSize + LogSize + AnswerSlack, so raising those two raises it.
	AnswerSize int
}

// AnswerSlack is the room the default AnswerSize leaves above the response and the logs for the
// entries of signatures and claims: with the default counts and key-id length they take under 16 KiB.
const AnswerSlack = 64 << 10

// answerEntry is what one signature or claim entry adds to the answer besides its name: hex of a
// share, R, a public key and the hash, or of a signature and a key id, with JSON around them.
const answerEntry = 512

// DefaultLimits returns Lit's limits: 30 s, 256 MiB, 16 MiB of code, a 100 KiB response, 100 KiB of
// logs, 50 fetches, 10 signatures, 30 contract calls, 30 broadcast/collects and a call depth of 5. Lit had
// no bound of its own on a fetch response; the default here is 16 MiB, 32 MiB for all the responses of
// an execution, and a fetch may take the whole execution time. The egress policy is the default one.
//
// Lit had no bound on the rest either; the defaults leave room for any Action that keeps within Lit's
// limits: 30 child Actions, 10 claims with key ids of up to 256 bytes (Lit's are user ids and
// hashes), 30 condition checks and decryptions, 4 MiB to encrypt or decrypt, 1,000 host calls of
// 64 MiB in all (a child's code counts, as base64), 64 at once, and an answer of 264 KiB (the
// response, the logs and 64 KiB for signatures and claims).
func DefaultLimits() Limits {
	return Limits{
		Timeout:       30 * time.Second,
		Memory:        256 << 20,
		CodeSize:      16 << 20,
		ResponseSize:  100 << 10,
		LogSize:       100 << 10,
		Fetches:       50,
		FetchSize:     16 << 20,
		FetchTimeout:  30 * time.Second,
		FetchBytes:    32 << 20,
		Signatures:    10,
		ContractCalls: 30,
		Broadcasts:    30,
		CallDepth:     5,
		Calls:         30,
		Claims:        10,
		KeyIDSize:     256,
		Conditions:    30,
		SecretSize:    4 << 20,
		HostCalls:     1000,
		HostBytes:     64 << 20,
		HostInFlight:  64,
		AnswerSize:    100<<10 + 100<<10 + AnswerSlack,
	}
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	if l.Memory <= 0 {
		l.Memory = d.Memory
	}
	if l.CodeSize <= 0 {
		l.CodeSize = d.CodeSize
	}
	if l.ResponseSize <= 0 {
		l.ResponseSize = d.ResponseSize
	}
	if l.LogSize <= 0 {
		l.LogSize = d.LogSize
	}
	if l.Fetches <= 0 {
		l.Fetches = d.Fetches
	}
	if l.FetchSize <= 0 {
		l.FetchSize = d.FetchSize
	}
	if l.FetchTimeout <= 0 {
		l.FetchTimeout = d.FetchTimeout
	}
	if l.FetchBytes <= 0 {
		l.FetchBytes = d.FetchBytes
	}
	if l.Signatures <= 0 {
		l.Signatures = d.Signatures
	}
	if l.ContractCalls <= 0 {
		l.ContractCalls = d.ContractCalls
	}
	if l.Broadcasts <= 0 {
		l.Broadcasts = d.Broadcasts
	}
	if l.CallDepth <= 0 {
		l.CallDepth = d.CallDepth
	}
	if l.Calls <= 0 {
		l.Calls = d.Calls
	}
	if l.Claims <= 0 {
		l.Claims = d.Claims
	}
	if l.KeyIDSize <= 0 {
		l.KeyIDSize = d.KeyIDSize
	}
	if l.Conditions <= 0 {
		l.Conditions = d.Conditions
	}
	if l.SecretSize <= 0 {
		l.SecretSize = d.SecretSize
	}
	if l.HostCalls <= 0 {
		l.HostCalls = d.HostCalls
	}
	if l.HostBytes <= 0 {
		l.HostBytes = d.HostBytes
	}
	if l.HostInFlight <= 0 {
		l.HostInFlight = d.HostInFlight
	}
	if l.AnswerSize <= 0 {
		l.AnswerSize = l.ResponseSize + l.LogSize + AnswerSlack
	}
	return l
}

// Errors naming a limit. An execution that breaks one fails with an error for which errors.Is reports the
// limit; the limits that a JavaScript call trips (fetches, signatures, …) are thrown as catchable
// exceptions first, as Lit did, and name the limit only if the Action does not catch them.
var (
	ErrTimeout       = errors.New("timeout limit")
	ErrMemory        = errors.New("memory limit")
	ErrCodeSize      = errors.New("code size limit")
	ErrResponseSize  = errors.New("response size limit")
	ErrLogSize       = errors.New("log size limit")
	ErrFetches       = errors.New("fetch count limit")
	ErrFetchSize     = errors.New("fetch response size limit")
	ErrFetchBytes    = errors.New("fetch byte budget")
	ErrSignatures    = errors.New("signature count limit")
	ErrContractCalls = errors.New("contract call count limit")
	ErrBroadcasts    = errors.New("broadcast/collect count limit")
	ErrCallDepth     = errors.New("call depth limit")
	ErrCalls         = errors.New("child Action count limit")
	ErrClaims        = errors.New("claim count limit")
	ErrKeyIDSize     = errors.New("claim key id size limit")
	ErrConditions    = errors.New("condition check count limit")
	ErrSecretSize    = errors.New("encrypted data size limit")
	ErrHostCalls     = errors.New("host call count limit")
	ErrHostBytes     = errors.New("host call byte budget")
	ErrHostInFlight  = errors.New("host calls in flight limit")
	ErrAnswerSize    = errors.New("answer size limit")
	ErrNotAvailable  = errors.New("not available")
	ErrWorker        = errors.New("action worker failed")
	ErrInvalidParams = errors.New("invalid jsParams")
	ErrBusy          = errors.New("every action worker is busy")
)

// limitCodes names each sentinel on the wire between a worker and its pool.
var limitCodes = map[string]error{
	"timeout":        ErrTimeout,
	"memory":         ErrMemory,
	"code_size":      ErrCodeSize,
	"response_size":  ErrResponseSize,
	"log_size":       ErrLogSize,
	"fetches":        ErrFetches,
	"fetch_size":     ErrFetchSize,
	"fetch_bytes":    ErrFetchBytes,
	"egress":         ErrEgress,
	"signatures":     ErrSignatures,
	"contract_calls": ErrContractCalls,
	"broadcasts":     ErrBroadcasts,
	"call_depth":     ErrCallDepth,
	"calls":          ErrCalls,
	"claims":         ErrClaims,
	"key_id_size":    ErrKeyIDSize,
	"conditions":     ErrConditions,
	"secret_size":    ErrSecretSize,
	"host_calls":     ErrHostCalls,
	"host_bytes":     ErrHostBytes,
	"host_in_flight": ErrHostInFlight,
	"answer_size":    ErrAnswerSize,
	"not_available":  ErrNotAvailable,
	"worker":         ErrWorker,
	"params":         ErrInvalidParams,
}

func limitCode(err error) string {
	for code, sentinel := range limitCodes {
		if errors.Is(err, sentinel) {
			return code
		}
	}
	return ""
}

// limitError is a sentinel with the message an Action sees (Lit's wording where Lit had one).
type limitError struct {
	limit error
	msg   string
}

func (e *limitError) Error() string { return e.msg }
func (e *limitError) Unwrap() error { return e.limit }

func limitErr(limit error, format string, args ...any) error {
	return &limitError{limit: limit, msg: fmt.Sprintf(format, args...)}
}

// ScriptError is an exception the Action did not catch, or a promise it let reject unhandled.
type ScriptError struct {
	Message string // the exception as JavaScript prints it, e.g. "TypeError: x is not a function"
	Stack   string // the JavaScript stack, one "at …" frame a line, with file:line:column
	Err     error  // the Go error behind the exception when the runtime or the Host raised it, else nil
}

func (e *ScriptError) Error() string {
	if e.Stack == "" {
		return "Uncaught " + e.Message
	}
	return "Uncaught " + e.Message + "\n" + e.Stack
}

func (e *ScriptError) Unwrap() error { return e.Err }
