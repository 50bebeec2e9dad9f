package integration

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/node"
)

// litSDKDir holds the npm project that pins the Lit JS SDK and the script
// that drives it.
const litSDKDir = "litsdk"

// The installed tree is stamped with the lockfile's hash, so npm ci runs
// once per lockfile rather than on every test run.
const npmStamp = "node_modules/.flint-lockfile-sha256"

var (
	npmOnce sync.Once
	npmErr  error
)

// nodeVersionOK reports whether Node.js can load the SDK: its CommonJS build
// require()s an ES module (@lit-protocol/contracts), which Node.js allows
// from 20.19 and 22.12 on.
func nodeVersionOK(v string) bool {
	m := regexp.MustCompile(`^v(\d+)\.(\d+)\.`).FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return false
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	return major > 22 || (major == 22 && minor >= 12) || (major == 20 && minor >= 19)
}

// installLitSDK checks for node and npm and runs npm ci in litSDKDir.
func installLitSDK(t *testing.T) {
	t.Helper()
	const install = "install Node.js >= 20.19 (or >= 22.12) and npm, e.g. `apt-get install nodejs npm` on Debian 13; Debian 12's nodejs 18 cannot load the SDK"
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not found: %s", install)
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Fatalf("npm not found: %s", install)
	}
	out, err := exec.Command(nodeBin, "--version").Output()
	if err != nil || !nodeVersionOK(string(out)) {
		t.Fatalf("node %s (%v) is too old for the Lit SDK: %s", bytes.TrimSpace(out), err, install)
	}
	npmOnce.Do(func() { npmErr = npmCI() })
	if npmErr != nil {
		t.Fatal(npmErr)
	}
}

func npmCI() error {
	lock, err := os.ReadFile(filepath.Join(litSDKDir, "package-lock.json"))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(lock)
	want := hex.EncodeToString(sum[:])
	if have, err := os.ReadFile(filepath.Join(litSDKDir, npmStamp)); err == nil && string(have) == want {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// No install scripts: none is needed, and none should run on a test machine.
	cmd := exec.CommandContext(ctx, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	cmd.Dir = litSDKDir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci in integration/%s: %v\n%s", litSDKDir, err, out)
	}
	return os.WriteFile(filepath.Join(litSDKDir, npmStamp), []byte(want), 0o644)
}

// sdkStep is one line of sdk-check.js's output.
type sdkStep struct {
	Step  string `json:"step"`
	OK    bool   `json:"ok"`
	MS    int    `json:"ms"`
	Error *struct {
		Name      string `json:"name"`
		Message   string `json:"message"`
		ErrorCode string `json:"errorCode"`
	} `json:"error"`
	raw json.RawMessage
}

func (s *sdkStep) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(s.raw, v); err != nil {
		t.Fatalf("%s: %v", s.Step, err)
	}
}

// The unmodified Lit JS SDK 7.4.0 (npm) against a 4-node devnet: discovery
// and handshake, minting with LitContracts, wallet session signatures,
// pkpSign, and a stranger refused.
func TestLitSDK(t *testing.T) {
	installLitSDK(t)
	d := startDevnet(t, 4, node.PoolConfig{Low: 20, High: 40, Batch: 20})
	checkLitSDK(t, d, nil)
}

// The same against nodes that serve https on port 443 (the SDK uses https
// for port 443 only), their self-signed certificate given to Node.js as an
// extra CA. Port 443 needs root (or CAP_NET_BIND_SERVICE).
func TestLitSDKTLS(t *testing.T) {
	installLitSDK(t)
	d := startDevnetConfig(t, devnet.Config{Nodes: 4, Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}, APIPort: 443, TLS: true})
	for _, u := range d.URLs() {
		if !strings.HasPrefix(u, "https://") || !strings.HasSuffix(u, ":443") {
			t.Fatalf("node URL %s, want https://ip:443", u)
		}
	}
	checkLitSDK(t, d, []string{"NODE_EXTRA_CA_CERTS=" + d.CertFile()})
}

// checkLitSDK runs sdk-check.js against d, with env added to the
// environment, and checks every step against the chain and go-ethereum.
func checkLitSDK(t *testing.T, d *devnet.Devnet, env []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	// A non-zero price, so that the SDK's mint must read and pay it.
	mintCost := big.NewInt(1e15)
	if _, err := cc.SetMintCost(ctx, cc.Transactor(d.Chain.Accounts()[0].Key), mintCost); err != nil {
		t.Fatal(err)
	}

	// The SDK mints with mintNext, which draws from the pool of keys the
	// nodes attest after genesis; devnet.WaitReady does not wait for it.
	warm := time.Now()
	waitFor(t, "the key pool", time.Minute, func() bool {
		size, err := cc.KeyPoolSize(ctx)
		return err == nil && size > 0
	})
	t.Logf("key pool filled in %v", time.Since(warm).Round(time.Millisecond))

	// An ERC-721 the test deploys, one token of which the SDK's wallet (the
	// dev account) owns: the token-gated decryption step's condition.
	demo, err := cc.DeployDemoNFT(ctx, cc.Transactor(d.Chain.Accounts()[0].Key))
	if err != nil {
		t.Fatal(err)
	}
	demoToken, err := cc.MintDemoNFT(ctx, cc.Transactor(d.Chain.Accounts()[0].Key), demo, common.HexToAddress(d.Network.DevAddress))
	if err != nil {
		t.Fatal(err)
	}
	env = append(env, "DEMO_NFT="+demo.Hex(), "DEMO_NFT_TOKEN="+demoToken.String(),
		"LOGIN_ACTION_CODE="+sdkLoginAction, "LOGIN_ACTION_CID=0x"+hex.EncodeToString(ipfs.Sum([]byte(sdkLoginAction)).Bytes()))

	cmd := exec.CommandContext(ctx, "node", "sdk-check.js", d.NetworkFile())
	cmd.Dir = litSDKDir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	steps := map[string]*sdkStep{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		s := &sdkStep{raw: slices.Clone(sc.Bytes())}
		if err := json.Unmarshal(s.raw, s); err != nil {
			t.Fatalf("not a JSON line: %q", sc.Text())
		}
		steps[s.Step] = s
		if s.OK {
			t.Logf("%s: ok (%d ms)", s.Step, s.MS)
		} else {
			t.Errorf("%s failed: %s: %s", s.Step, s.Error.Name, s.Error.Message)
		}
	}
	if runErr != nil {
		t.Fatalf("sdk-check.js: %v\nstderr:\n%s", runErr, stderr.Bytes())
	}
	for _, name := range []string{"connect", "mint", "sessionSigs", "pkpSign", "pkpSignOneToken", "executeJs", "pkpSessionSigs", "litActionSessionSigs", "decrypt_userAddress", "decrypt_erc721Owner", "decrypt_timestamp", "stranger", "signedToken"} {
		if s := steps[name]; s == nil || !s.OK {
			t.Fatalf("step %s did not succeed (stderr:\n%s)", name, stderr.Bytes())
		}
	}

	// 1. The SDK found exactly the registered nodes, the quorum as its
	// minNodeCount, and the network's keys.
	var conn struct {
		Nodes           []string `json:"nodes"`
		MinNodeCount    int      `json:"minNodeCount"`
		Epoch           uint64   `json:"epoch"`
		NetworkPubKey   string   `json:"networkPubKey"`
		HDRootPubkeys   int      `json:"hdRootPubkeys"`
		LatestBlockhash string   `json:"latestBlockhash"`
	}
	steps["connect"].decode(t, &conn)
	urls := slices.Sorted(slices.Values(d.URLs()))
	if !slices.Equal(conn.Nodes, urls) {
		t.Errorf("SDK connected to %v, want %v", conn.Nodes, urls)
	}
	reg, err := cc.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if conn.MinNodeCount != reg.Quorum || conn.Epoch != reg.Epoch.Number {
		t.Errorf("SDK minNodeCount %d epoch %d, chain says quorum %d epoch %d", conn.MinNodeCount, conn.Epoch, reg.Quorum, reg.Epoch.Number)
	}
	roots, err := cc.RootKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if conn.NetworkPubKey != hex.EncodeToString(roots.BLS) || conn.HDRootPubkeys != len(roots.ECDSA) {
		t.Errorf("SDK network key %s and %d HD roots; chain has %x and %d", conn.NetworkPubKey, conn.HDRootPubkeys, roots.BLS, len(roots.ECDSA))
	}
	if conn.LatestBlockhash == "" {
		t.Error("no blockhash")
	}

	// 2. The minted PKP is on chain as the SDK reports it.
	var mint struct {
		MintCost   string `json:"mintCost"`
		TokenID    string `json:"tokenId"`
		PublicKey  string `json:"publicKey"`
		EthAddress string `json:"ethAddress"`
		Owner      string `json:"owner"`
	}
	steps["mint"].decode(t, &mint)
	if mint.MintCost != mintCost.String() {
		t.Errorf("SDK read mint cost %s, want %s", mint.MintCost, mintCost)
	}
	pubkey, err := hex.DecodeString(strings.TrimPrefix(mint.PublicKey, "0x"))
	if err != nil || len(pubkey) != 65 {
		t.Fatalf("SDK's PKP key %q", mint.PublicKey)
	}
	tokenID, ok := new(big.Int).SetString(strings.TrimPrefix(mint.TokenID, "0x"), 16)
	if !ok || tokenID.Cmp(new(big.Int).SetBytes(crypto.Keccak256(pubkey))) != 0 {
		t.Fatalf("SDK's token id %s is not keccak256 of its key", mint.TokenID)
	}
	pkp, err := cc.PKP(ctx, tokenID)
	if err != nil {
		t.Fatal(err)
	}
	devAddr := common.HexToAddress(d.Network.DevAddress)
	if !bytes.Equal(pkp.Pubkey, pubkey) || pkp.Owner != devAddr || mint.Owner != devAddr.Hex() {
		t.Fatalf("chain: key %x owner %s; SDK: owner %s", pkp.Pubkey, pkp.Owner, mint.Owner)
	}
	pkpAddr := chain.EthAddress(pubkey)
	if mint.EthAddress != pkpAddr.Hex() {
		t.Fatalf("SDK's PKP address %s, want %s", mint.EthAddress, pkpAddr)
	}

	// 3. One session signature per node, each an ed25519 signature by the
	// session key over a message naming that node.
	var ss struct {
		SessionSigs map[string]struct {
			Sig           string `json:"sig"`
			DerivedVia    string `json:"derivedVia"`
			SignedMessage string `json:"signedMessage"`
			Address       string `json:"address"`
			Algo          string `json:"algo"`
		} `json:"sessionSigs"`
	}
	steps["sessionSigs"].decode(t, &ss)
	if got := slices.Sorted(maps.Keys(ss.SessionSigs)); !slices.Equal(got, urls) {
		t.Fatalf("session sigs for %v, want %v", got, urls)
	}
	for url, s := range ss.SessionSigs {
		pub, _ := hex.DecodeString(s.Address)
		sig, _ := hex.DecodeString(s.Sig)
		var msg struct {
			NodeAddress  string `json:"nodeAddress"`
			Capabilities []struct {
				Address string `json:"address"`
			} `json:"capabilities"`
		}
		json.Unmarshal([]byte(s.SignedMessage), &msg)
		if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, []byte(s.SignedMessage), sig) ||
			s.Algo != "ed25519" || s.DerivedVia != "litSessionSignViaNacl" || msg.NodeAddress != url ||
			len(msg.Capabilities) != 1 || msg.Capabilities[0].Address != devAddr.Hex() {
			t.Fatalf("session sig for %s: %+v", url, s)
		}
	}

	// 4. The combined signature recovers to the PKP's key (go-ethereum,
	// independently of the SDK's own check).
	var sign struct {
		Digest        string `json:"digest"`
		Signature     string `json:"signature"`
		SDKPublicKey  string `json:"sdkPublicKey"`
		SDKDataSigned string `json:"sdkDataSigned"`
	}
	steps["pkpSign"].decode(t, &sign)
	digest, _ := hex.DecodeString(strings.TrimPrefix(sign.Digest, "0x"))
	if want := crypto.Keccak256([]byte("hello from the Lit SDK")); !bytes.Equal(digest, want) {
		t.Fatalf("the script signed %s, not the message's hash", sign.Digest)
	}
	checkRecovers(t, digest, sign.Signature, pubkey)
	if !strings.EqualFold(sign.SDKPublicKey, hex.EncodeToString(pubkey)) || !strings.EqualFold(sign.SDKDataSigned, hex.EncodeToString(digest)) {
		t.Errorf("SDK reports key %s and data %s", sign.SDKPublicKey, sign.SDKDataSigned)
	}

	// 4b. Session signatures for this one token: the resource is the token
	// id as 64 lowercase hex digits, and the signature recovers too.
	var one struct {
		Resource struct {
			Resource       string `json:"resource"`
			ResourcePrefix string `json:"resourcePrefix"`
		} `json:"resource"`
		Signature string `json:"signature"`
	}
	steps["pkpSignOneToken"].decode(t, &one)
	if want := hex.EncodeToString(crypto.Keccak256(pubkey)); one.Resource.Resource != want || one.Resource.ResourcePrefix != "lit-pkp" {
		t.Fatalf("resource %+v, want lit-pkp %s", one.Resource, want)
	}
	checkRecovers(t, digest, one.Signature, pubkey)

	// 4c. The Action's signature, response (parsed JSON) and logs.
	var exec struct {
		Message   string `json:"message"`
		Signature string `json:"signature"`
		Response  struct {
			OK      bool   `json:"ok"`
			Message string `json:"message"`
		} `json:"response"`
		Logs string `json:"logs"`
	}
	steps["executeJs"].decode(t, &exec)
	checkRecovers(t, crypto.Keccak256([]byte(exec.Message)), exec.Signature, pubkey)
	if !exec.Response.OK || exec.Response.Message != exec.Message || exec.Logs != "signed "+exec.Message+"\n" {
		t.Fatalf("executeJs answered %+v", exec)
	}

	// 4d. The SDK's encryptString and decryptToString: the plaintext comes
	// back, the data hash is SHA-256 of it, the ciphertext has the
	// time-lock size, and the refused caller's error carries the node's code
	// and reason.
	for _, name := range []string{"userAddress", "erc721Owner", "timestamp"} {
		var dec struct {
			Secret, Plaintext, DataToEncryptHash string
			CiphertextBytes                      int
			Refused                              struct {
				Name, Message, ErrorCode string
			}
		}
		steps["decrypt_"+name].decode(t, &dec)
		sum := sha256.Sum256([]byte(dec.Secret))
		if dec.Plaintext != dec.Secret || dec.DataToEncryptHash != hex.EncodeToString(sum[:]) || dec.CiphertextBytes != 114 {
			t.Errorf("%s: %+v", name, dec)
		}
		if dec.Refused.Name != "NodeError" || dec.Refused.ErrorCode != "NodeAccessControlConditionsReturnedNotAuthorized" ||
			!strings.Contains(dec.Refused.Message, "condition [0]") {
			t.Errorf("%s: refusal %+v, want the node's reason", name, dec.Refused)
		}
	}

	// PKP session signatures (getPkpSessionSigs with a wallet login): the
	// capability is the network's, for the PKP's address, and both pkpSign
	// and the Action's signature recover to the PKP.
	var ps struct {
		Capability    map[string]string `json:"capability"`
		Recovered     string            `json:"recovered"`
		ExecRecovered string            `json:"execRecovered"`
		Refusal       struct {
			ErrorCode string `json:"errorCode"`
			Message   string `json:"message"`
		} `json:"refusal"`
	}
	steps["pkpSessionSigs"].decode(t, &ps)
	if c := ps.Capability; c["derivedVia"] != "lit.bls" || c["algo"] != "LIT_BLS" || !strings.EqualFold(c["address"], mint.EthAddress) {
		t.Errorf("PKP session capability %v, want lit.bls for %s", c, mint.EthAddress)
	}
	if !strings.EqualFold(ps.Recovered, mint.EthAddress) || !strings.EqualFold(ps.ExecRecovered, mint.EthAddress) {
		t.Errorf("PKP session signatures recover to %s and %s, want %s", ps.Recovered, ps.ExecRecovered, mint.EthAddress)
	}
	if ps.Refusal.ErrorCode != "NodePKPNotAuthorized" {
		t.Errorf("PKP session for a stranger's wallet: %+v, want NodePKPNotAuthorized", ps.Refusal)
	}

	// PKP session signatures from a login Action (getLitActionSessionSigs).
	var la struct {
		Recovered     string                     `json:"recovered"`
		Capability    map[string]string          `json:"capability"`
		Unpermitted   struct{ ErrorCode string } `json:"unpermitted"`
		WrongPassword struct{ ErrorCode string } `json:"wrongPassword"`
	}
	steps["litActionSessionSigs"].decode(t, &la)
	if !strings.EqualFold(la.Recovered, mint.EthAddress) || la.Capability["derivedVia"] != "lit.bls" {
		t.Errorf("login Action session: %+v", la)
	}
	if la.Unpermitted.ErrorCode != "NodePKPNotAuthorized" || la.WrongPassword.ErrorCode != "NodeLitActionsSessionSigAuthenticationFailed" {
		t.Errorf("login Action refusals: unpermitted %q, wrong password %q", la.Unpermitted.ErrorCode, la.WrongPassword.ErrorCode)
	}

	// 5. The stranger got the nodes' refusal.
	var stranger struct {
		Refused bool `json:"refused"`
		Error   struct {
			Name      string `json:"name"`
			ErrorCode string `json:"errorCode"`
		} `json:"error"`
	}
	steps["stranger"].decode(t, &stranger)
	if !stranger.Refused || stranger.Error.Name != "NodeError" || stranger.Error.ErrorCode != "NodeNotAuthorized" {
		t.Fatalf("stranger: %+v", stranger)
	}

	// 6. The token the SDK combined (and verified with its own BLS code)
	// verifies in Go against the network key the chain holds, and names
	// the owner; the stranger got the nodes' reason.
	var tok struct {
		JWT      string `json:"jwt"`
		Stranger string `json:"stranger"`
		Refusal  struct {
			Name      string `json:"name"`
			Message   string `json:"message"`
			ErrorCode string `json:"errorCode"`
		} `json:"refusal"`
	}
	steps["signedToken"].decode(t, &tok)
	networkKey, err := bls.ParsePublicKey(roots.BLS)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := client.VerifyJWT(networkKey, tok.JWT)
	if err != nil {
		t.Fatalf("the SDK's token %s: %v", tok.JWT, err)
	}
	if !strings.EqualFold(claims.Sub, devAddr.Hex()) || claims.Exp-claims.Iat != 12*3600 {
		t.Fatalf("the SDK's token claims %+v", claims)
	}
	t.Logf("the SDK's token: %s; the stranger's refusal: %s", tok.JWT, tok.Refusal.Message)
	if tok.Refusal.ErrorCode != "NodeAccessControlConditionsReturnedNotAuthorized" || tok.Stranger == "" ||
		!strings.Contains(tok.Refusal.Message, tok.Stranger+" is not permitted") || !strings.Contains(tok.Refusal.Message, "condition [0]") {
		t.Fatalf("stranger's token: %+v", tok.Refusal)
	}
}

// checkRecovers checks a 65-byte r‖s‖v signature (v 27 or 28) over digest
// with go-ethereum: it must recover to pubkey and have a low s.
func checkRecovers(t *testing.T, digest []byte, sigHex string, pubkey []byte) {
	t.Helper()
	sig, err := hex.DecodeString(strings.TrimPrefix(sigHex, "0x"))
	if err != nil || len(digest) != 32 || len(sig) != 65 || (sig[64] != 27 && sig[64] != 28) {
		t.Fatalf("digest %x signature %s", digest, sigHex)
	}
	sig[64] -= 27
	rec, err := crypto.Ecrecover(digest, sig)
	if err != nil || !bytes.Equal(rec, pubkey) {
		t.Fatalf("Ecrecover: %x, %v; want the PKP's key", rec, err)
	}
	if !crypto.ValidateSignatureValues(sig[64], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:64]), true) {
		t.Fatal("signature is not canonical (high s)")
	}
}

func TestNodeVersionOK(t *testing.T) {
	for v, want := range map[string]bool{
		"v18.20.4\n": false, "v20.18.3": false, "v20.19.0": true, "v20.20.2\n": true, "v21.7.3": false,
		"v22.11.0": false, "v22.12.0": true, "v24.1.0": true, "": false, "20.19.0": false, "vX.1.2": false,
	} {
		if got := nodeVersionOK(v); got != want {
			t.Errorf("nodeVersionOK(%q) = %v", v, got)
		}
	}
}

// sdkLoginAction is the login Action of the SDK check's
// getLitActionSessionSigs step: "true" for the right password only.
const sdkLoginAction = `(async () => { Lit.Actions.setResponse({ response: password === "hunter2" ? "true" : "false" }); })();`
