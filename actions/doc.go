// Package actions runs Lit Actions: JavaScript programs that every node runs on request, which may
// fetch over HTTP and ask their node to sign with a PKP. Existing Lit Actions run unchanged.
//
// # Runtime
//
// Each execution gets a fresh goja runtime (pure Go) and a small event loop: the program runs, then the
// loop runs until no host call, fetch or timer is outstanding and no promise job is queued, so both
// `(async () => { … })()` and `const go = async () => { … }; go();` run to the end, and a call the
// Action started but never awaited still completes. Host calls run on goroutines of their own and
// settle their promises back on the loop goroutine. A promise rejected with no handler at the end of a
// turn fails the execution, as in Deno, which ran Lit's Actions.
//
// The globals are those of Lit's runtime:
//
//   - Lit.Actions (also LitActions), with Lit's argument objects: signEcdsa, ethPersonalSignMessageEcdsa,
//     signAndCombineEcdsa, setResponse, isPermittedAction/Address/AuthMethod,
//     getPermittedActions/Addresses/AuthMethods/AuthMethodScopes, pubkeyToTokenId, getLatestNonce,
//     getRpcUrl, callContract, call, claimKey, broadcastAndCollect, runOnce, uint8arrayToString,
//     uint8arrayFromString, and the encryption functions checkConditions, encrypt, decryptAndCombine
//     and decryptToSingleNode (the Host evaluates the conditions and decrypts; the CID that
//     :currentActionIpfsId names is the session's frame's, never the JavaScript's), and Flint's
//     decryptWithPkp, which opens data encrypted to a PKP that permits the running Action (the Host
//     checks the frame's CID). aesDecrypt throws ErrNotAvailable.
//   - Lit.Auth (also LitAuth), the request's auth context, frozen; its actionIpfsIdStack lists the CIDs
//     of the running Action and its parents.
//   - ethers, the ethers v5 API Actions use (utils hashing, bytes, signature and address helpers, units,
//     BigNumber, serializeTransaction/parseTransaction, constants, and providers.JsonRpcProvider over
//     fetch), implemented in Go with go-ethereum: goja needs about half a second just to load ethers'
//     own bundle. Not there yet: Contract, Interface and the ABI coder, Wallet.
//   - console (captured into the Result's logs), fetch (Go's net/http), Headers, Response, TextEncoder,
//     TextDecoder, atob, btoa, crypto (getRandomValues, randomUUID, subtle.digest), setTimeout,
//     setInterval and their clear functions, queueMicrotask.
//   - every jsParams key, and jsParams itself.
//
// There is no filesystem, process, module loader or eval: eval, Function and the constructors reachable
// from function prototypes throw, so no code is generated from strings.
//
// Request.Call runs an Action as a LitAction access-control condition: once the code's top level has
// run, the runtime calls the global function it names with string arguments, awaits it, and takes the
// result's toString() as the response, as Lit's node did by appending a wrapper to the code (here no
// code is made from the caller's strings: the name must be an identifier).
//
// # Host and results
//
// Everything that needs the node goes through Host, which the node implements. The node-side half of an
// execution (the session) calls the Host, counts the calls that Limits bound and records this node's
// signature shares and claims; the Result carries them with the response and the logs.
//
// # Limits and isolation
//
// Limits bound time, memory, code, response and log size, fetches, signatures, contract calls,
// broadcast/collects and call depth, with Lit's defaults. A limit breached inside a JavaScript call (a
// fetch too many, say) is thrown as a catchable exception carrying Lit's wording; if the Action does
// not catch it, the execution fails with an error for which errors.Is names the limit (ErrFetches, …).
// Time and memory end the execution whatever the Action does.
//
// fetch also follows an egress policy (Limits.Egress, see Egress): by default it refuses loopback,
// private, link-local, CGNAT, unique-local, multicast and reserved addresses and the node's own, checked
// at connect time after DNS resolution and on every redirect, and it reads at most Limits.FetchBytes of
// responses per execution. A refusal is a TypeError for the Action and ErrEgress for Go.
//
// goja has no per-runtime memory cap, so a Pool runs Actions in worker processes (this binary started
// again: main, and TestMain in tests, must call ServeWorkerIfChild first), one execution at a time
// each. Memory is enforced at two levels.
//
//   - A watchdog in the worker polls the Go heap every 5 ms. When the heap passes Limits.Memory above
//     the worker's idle baseline it forces a collection, and if the live heap is still over, it
//     interrupts the runtime: the execution fails with ErrMemory and the worker is replaced. The limit
//     thus counts goja's representation of the Action's data, which is larger than V8's for the same
//     values (an array element is a 16-byte interface plus the value it boxes, where V8 spends 8
//     bytes); it is checked between polls, so an Action overshoots by what it allocates in a few
//     milliseconds.
//   - A single allocation the watchdog cannot wait for (a string doubled past a gigabyte, a huge typed
//     array) is stopped by the kernel: the worker's address space is capped (RLIMIT_AS) at its size
//     when the execution starts plus twice the limit and 512 MiB for thread stacks, the allocation
//     fails, the Go runtime ends the worker with "out of memory" and the pool reports ErrMemory.
//     Off Linux only the watchdog applies.
//
// Either way the node's process is untouched, the logs written so far are kept, and other executions
// go on in their own workers. The Host and the session run in the node's process: shares never enter a
// worker, and a worker cannot sign past the limits.
//
// Run executes in the calling process instead. It enforces the same limits, but its memory watchdog
// sees the whole process's heap, so it is exact only when nothing else allocates; it serves tests,
// tools and the workers themselves.
package actions
