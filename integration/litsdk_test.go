package integration

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
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

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/wire"
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
	t.Parallel() // its own devnet; the script mostly waits for the nodes and the chain
	installLitSDK(t)
	is := newSDKIssuer(t)
	d := startDevnetConfig(t, devnet.Config{Nodes: 4, Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}, AuthMethods: is.authMethods()})
	checkLitSDK(t, d, is, nil, false)
}

// The same against nodes that serve https on port 443 (the SDK uses https
// for port 443 only), their self-signed certificate given to Node.js as an
// extra CA. Port 443 needs root (or CAP_NET_BIND_SERVICE). The script runs
// its transport steps only (SDK_STEPS=transport): one of each way the SDK
// reaches the nodes, checked as in TestLitSDK; what the nodes answer does
// not depend on the scheme, and TestLitSDK checks all of it. First the Go
// client's TLS on the same nodes (checkTLSGoClient).
func TestLitSDKTLS(t *testing.T) {
	t.Parallel() // its own devnet; the script mostly waits for the nodes and the chain
	installLitSDK(t)
	is := newSDKIssuer(t)
	d := startDevnetConfig(t, devnet.Config{Nodes: 4, Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}, APIPort: 443, TLS: true,
		AuthMethods: is.authMethods()})
	for _, u := range d.URLs() {
		if !strings.HasPrefix(u, "https://") || !strings.HasSuffix(u, ":443") {
			t.Fatalf("node URL %s, want https://ip:443", u)
		}
	}
	t.Run("TLSGoClient", func(t *testing.T) { checkTLSGoClient(t, d) })
	checkLitSDK(t, d, is, []string{"NODE_EXTRA_CA_CERTS=" + d.CertFile()}, true)
}

// sdkSteps are the steps sdk-check.js must report as done, and
// sdkTransportSteps those it runs with SDK_STEPS=transport.
var (
	sdkSteps = []string{"connect", "mint", "sessionSigs", "pkpSign", "pkpSignOneToken", "executeJs", "decrypt_userAddress", "decrypt_erc721Owner", "decrypt_timestamp", "stranger", "signedToken",
		"pkpSessionWallet", "pkpSessionWalletSign", "pkpSessionWalletExecuteJs", "executeJsAuthMethods", "pkpSessionWalletDecrypt", "pkpSessionWalletSignedToken", "pkpSessionWalletStranger", "pkpSessionWalletRevoked",
		"litActionSessionUnpermitted", "litActionSession", "litActionSessionSign", "litActionSessionByIpfsId", "litActionSessionWithWallet",
		"litActionSessionWrongResponse", "litActionSessionNoResponse", "claimKeyId", "claimMint", "claimAgain", "claimSession", "mintWithAuth",
		"pkpSessionGoogleJwt", "pkpSessionGoogleJwtSign", "pkpSessionGoogleJwtRefused", "claimGoogleJwt", "pkpSessionStytchEmail"}
	sdkTransportSteps = []string{"connect", "mint", "sessionSigs", "pkpSign", "executeJs", "decrypt_userAddress", "stranger", "signedToken",
		"claimKeyId", "pkpSessionWallet", "pkpSessionWalletSign"}
)

// checkLitSDK runs sdk-check.js against d, with env added to the
// environment, and checks every step against the chain and go-ethereum:
// all of them, or with transportOnly the script's transport steps.
func checkLitSDK(t *testing.T, d *devnet.Devnet, is *sdkIssuer, env []string, transportOnly bool) {
	t.Helper()
	want := sdkSteps
	if transportOnly {
		want = sdkTransportSteps
		env = append(env, "SDK_STEPS=transport")
	}
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
		return err == nil && size > 1 // the mint and mintWithAuth steps take one each
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
	env = append(env, "DEMO_NFT="+demo.Hex(), "DEMO_NFT_TOKEN="+demoToken.String())
	// The custom-auth Action of the getLitActionSessionSigs steps, and its
	// CID computed here, independently of the SDK.
	// It is also in the devnet's IPFS store, for the step that names it by CID.
	store, err := ipfs.OpenStore(d.IPFSStore())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Put([]byte(sdkLoginAction)); err != nil {
		t.Fatal(err)
	}
	env = append(env, is.env(t, common.HexToAddress(d.Network.DevAddress))...)
	env = append(env, "LOGIN_ACTION_CODE="+sdkLoginAction, "LOGIN_ACTION_CID="+ipfs.Sum([]byte(sdkLoginAction)).String())

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
	for _, name := range want {
		if s := steps[name]; s == nil || !s.OK {
			t.Fatalf("step %s did not succeed (stderr:\n%s)", name, stderr.Bytes())
		}
	}
	if len(steps) != len(want) {
		t.Fatalf("%d steps, want %d: %v", len(steps), len(want), slices.Sorted(maps.Keys(steps)))
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
	if !transportOnly {
		checkSDKSignOneToken(t, steps["pkpSignOneToken"], digest, pubkey)
	}

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
		if steps["decrypt_"+name] == nil && transportOnly {
			continue
		}
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

	// 7. claimKeyId with a wallet login: the SDK's derivedKeyId is the
	// login's, the key the SDK derived from it is the one the nodes attest,
	// and each signature is a registered node's over the claim for the
	// wallet.
	var claim struct {
		Address      string `json:"address"`
		AccessToken  string `json:"accessToken"`
		DerivedKeyID string `json:"derivedKeyId"`
		Pubkey       string `json:"pubkey"`
		Signatures   []struct {
			R string `json:"r"`
			S string `json:"s"`
			V int    `json:"v"`
		} `json:"signatures"`
	}
	steps["claimKeyId"].decode(t, &claim)
	wallet := common.HexToAddress(claim.Address)
	keyID := chain.AuthMethodKeyID(1, crypto.Keccak256Hash([]byte(wallet.Hex()+":lit")))
	if !strings.EqualFold(strings.TrimPrefix(claim.DerivedKeyID, "0x"), hex.EncodeToString(keyID[:])) {
		t.Fatalf("SDK derivedKeyId %s, want the wallet login's %x", claim.DerivedKeyID, keyID)
	}
	sdkPub, err := hex.DecodeString(strings.TrimPrefix(claim.Pubkey, "0x"))
	if err != nil {
		t.Fatal(err)
	}
	// The TLS run's nodes are served under the devnet's own CA.
	var cas *x509.CertPool
	if d.Network.CAFile != "" {
		if cas, err = client.LoadCA(d.Network.CAFile); err != nil {
			t.Fatal(err)
		}
	}
	gcl, err := client.Connect(ctx, d.URLs(), client.Options{Timeout: 20 * time.Second, RootCAs: cas})
	if err != nil {
		t.Fatal(err)
	}
	k, err := gcl.ClaimWithAuthMethod(ctx, wire.AuthMethod{AuthMethodType: 1, AccessToken: claim.AccessToken}, wallet)
	if err != nil || !bytes.Equal(k.Pubkey, sdkPub) || k.KeyID != keyID {
		t.Fatalf("the nodes attest %x for %x (%v); the SDK derived %s", k.Pubkey, k.KeyID, err, claim.Pubkey)
	}
	claimDigest := cc.ClaimKeyDigest(keyID, sdkPub, wallet)
	signers := map[string]bool{}
	for _, sg := range claim.Signatures {
		r, s := common.FromHex(sg.R), common.FromHex(sg.S)
		if len(r) != 32 || len(s) != 32 || (sg.V != 27 && sg.V != 28) {
			t.Fatalf("SDK claim signature %+v", sg)
		}
		pub, err := crypto.SigToPub(claimDigest[:], append(append(r, s...), byte(sg.V-27)))
		if err != nil {
			t.Fatal(err)
		}
		signers[crypto.PubkeyToAddress(*pub).Hex()] = true
	}
	for _, n := range d.Network.Nodes {
		delete(signers, common.HexToAddress(n.Address).Hex())
	}
	if len(claim.Signatures) < reg.Quorum || len(signers) != 0 {
		t.Fatalf("%d claim signatures, signers not registered nodes: %v", len(claim.Signatures), signers)
	}
	checkSDKPKPSessions(t, steps, networkKey, pubkey, transportOnly)
	if transportOnly {
		return
	}
	checkSDKClaim(t, ctx, cc, steps)
	checkMintWithAuth(t, ctx, cc, steps["mintWithAuth"])
	checkSDKGoogleJwt(t, ctx, cc, steps, networkKey, pubkey, devAddr)
	checkSDKStytchEmail(t, steps, networkKey, pubkey)
}

// checkSDKSignOneToken checks the pkpSignOneToken step: the session's
// resource is the PKP's token id as 64 lowercase hex digits, and the
// signature over digest recovers to pubkey.
func checkSDKSignOneToken(t *testing.T, s *sdkStep, digest, pubkey []byte) {
	t.Helper()
	var one struct {
		Resource struct {
			Resource       string `json:"resource"`
			ResourcePrefix string `json:"resourcePrefix"`
		} `json:"resource"`
		Signature string `json:"signature"`
	}
	s.decode(t, &one)
	if want := hex.EncodeToString(crypto.Keccak256(pubkey)); one.Resource.Resource != want || one.Resource.ResourcePrefix != "lit-pkp" {
		t.Fatalf("resource %+v, want lit-pkp %s", one.Resource, want)
	}
	checkRecovers(t, digest, one.Signature, pubkey)
}

// checkSDKClaim checks the SDK's claim flow against the chain: the PKP the
// wallet minted through claimKeyId's mintCallback is on chain with the key
// the SDK derived and the wallet as owner; another wallet replaying the
// nodes' signatures was refused by the signature check (they name the
// wallet as recipient); the same login later got the same key, whose key
// id was used up; and the claimed PKP signed under a PKP session of the
// same login.
func checkSDKClaim(t *testing.T, ctx context.Context, cc *chain.Client, steps map[string]*sdkStep) {
	t.Helper()
	type revert struct {
		Minted bool     `json:"minted"`
		Error  string   `json:"error"`
		Args   []string `json:"args"`
	}
	var mint struct {
		User         string `json:"user"`
		DerivedKeyID string `json:"derivedKeyId"`
		Pubkey       string `json:"pubkey"`
		TokenID      string `json:"tokenId"`
		Owner        string `json:"owner"`
		Signatures   int    `json:"signatures"`
		Thief        string `json:"thief"`
		Stolen       revert `json:"stolen"`
	}
	steps["claimMint"].decode(t, &mint)
	user := common.HexToAddress(mint.User)
	pub := common.FromHex(mint.Pubkey)
	keyID := chain.AuthMethodKeyID(1, crypto.Keccak256Hash([]byte(user.Hex()+":lit")))
	if !strings.EqualFold(strings.TrimPrefix(mint.DerivedKeyID, "0x"), hex.EncodeToString(keyID[:])) {
		t.Fatalf("claimKeyId's key id %s, want the wallet login's %x", mint.DerivedKeyID, keyID)
	}
	tokenID := chain.TokenID(pub)
	pkp, err := cc.PKP(ctx, tokenID)
	if err != nil {
		t.Fatalf("the claimed PKP %s: %v", mint.TokenID, err)
	}
	if len(pub) != 65 || !bytes.Equal(pkp.Pubkey, pub) || pkp.Owner != user || mint.Owner != user.Hex() {
		t.Fatalf("chain: key %x owner %s; the SDK derived %s for %s", pkp.Pubkey, pkp.Owner.Hex(), mint.Pubkey, user.Hex())
	}
	if mint.Stolen.Minted || mint.Stolen.Error != "UnknownSigner" {
		t.Fatalf("another wallet replaying the claim: %+v, want the contract's UnknownSigner", mint.Stolen)
	}
	t.Logf("claimed and minted %s (key id %s) for %s with %d node signatures; %s replaying them: %s%v",
		mint.TokenID, mint.DerivedKeyID, user.Hex(), mint.Signatures, mint.Thief, mint.Stolen.Error, mint.Stolen.Args)

	var again struct {
		DerivedKeyID string `json:"derivedKeyId"`
		Pubkey       string `json:"pubkey"`
		Replay       revert `json:"replay"`
	}
	steps["claimAgain"].decode(t, &again)
	if again.DerivedKeyID != mint.DerivedKeyID || again.Pubkey != mint.Pubkey || again.Replay.Minted || again.Replay.Error != "KeyIdUsed" {
		t.Fatalf("the same login again: %+v", again)
	}
	var sign struct {
		Message   string `json:"message"`
		Signature string `json:"signature"`
	}
	steps["claimSession"].decode(t, &sign)
	checkRecovers(t, crypto.Keccak256([]byte(sign.Message)), sign.Signature, pub)
}

// sdkLoginAction is the custom-auth Action of the SDK's
// getLitActionSessionSigs steps: it proves the login for the right
// password, and only when Lit.Auth shows it running as a login (its own
// CID, no wallet AuthSig). When jsParams name a wallet, that wallet must be
// among the logins the nodes resolved; when they say silent, it sets no
// response at all. It is written as Lit's own session-signature test
// Actions are: top-level statements, not an async function, and the
// LitActions global.
const sdkLoginAction = `let ok = password === "hunter2" && Lit.Auth.actionIpfsIds.length === 1 && Lit.Auth.authSigAddress === null;
if (typeof wallet !== "undefined") {
  ok = ok && Lit.Auth.authMethodContexts.some((c) => c.authMethodType === 1 && c.userId === wallet);
}
if (typeof silent === "undefined") {
  LitActions.setResponse({response: ok ? "true" : "untrue"});
}
`

// sdkCapability is the lit.bls capability the SDK combined for a PKP
// session.
type sdkCapability struct {
	Sig           string `json:"sig"`
	Algo          string `json:"algo"`
	DerivedVia    string `json:"derivedVia"`
	SignedMessage string `json:"signedMessage"`
	Address       string `json:"address"`
}

// checkSDKPKPSessions checks the SDK's PKP session steps: each session's
// capability is the network's BLS signature over the session hash of a
// SIWE naming the PKP, whose ReCap carries the login the nodes resolved
// (verified here with crypto/bls against the chain's network key, not with
// the SDK's own check); every signature made under a session recovers to
// the PKP (go-ethereum); and each refusal carries the node's code.
func checkSDKPKPSessions(t *testing.T, steps map[string]*sdkStep, networkKey bls.PublicKey, pubkey []byte, transportOnly bool) {
	t.Helper()
	pkpAddr := chain.EthAddress(pubkey)

	var wallet struct {
		User          string        `json:"user"`
		Capability    sdkCapability `json:"capability"`
		NetworkPubKey string        `json:"networkPubKey"`
	}
	steps["pkpSessionWallet"].decode(t, &wallet)
	ac := checkSessionCapability(t, "wallet login", networkKey, wallet.Capability, pkpAddr)
	if len(ac.AuthMethodContexts) != 1 || ac.AuthMethodContexts[0].AuthMethodType != 1 ||
		ac.AuthMethodContexts[0].UserID != wallet.User || ac.AuthMethodContexts[0].AppID != "lit" || len(ac.ActionIPFSIDStack) != 0 {
		t.Errorf("the wallet login's auth context %+v, want the wallet %s (type 1, app lit)", ac, wallet.User)
	}
	signed := []string{"pkpSessionWalletSign", "litActionSessionSign", "litActionSessionByIpfsId", "litActionSessionWithWallet"}
	if transportOnly {
		signed = signed[:1]
	}
	for _, name := range signed {
		var s struct {
			Message   string `json:"message"`
			Digest    string `json:"digest"`
			Signature string `json:"signature"`
		}
		steps[name].decode(t, &s)
		checkRecovers(t, crypto.Keccak256([]byte(s.Message)), s.Signature, pubkey)
	}
	if transportOnly {
		return
	}
	var ex struct {
		Message   string `json:"message"`
		Signature string `json:"signature"`
		Response  string `json:"response"`
	}
	steps["pkpSessionWalletExecuteJs"].decode(t, &ex)
	checkRecovers(t, crypto.Keccak256([]byte(ex.Message)), ex.Signature, pubkey)
	if ex.Response != "signed" {
		t.Errorf("the Action under the wallet login answered %q", ex.Response)
	}

	var action struct {
		CID        string        `json:"cid"`
		Capability sdkCapability `json:"capability"`
	}
	steps["litActionSession"].decode(t, &action)
	ac = checkSessionCapability(t, "custom-auth Action", networkKey, action.Capability, pkpAddr)
	if !slices.Equal(ac.ActionIPFSIDStack, []string{action.CID}) || ac.CustomAuthResource != "true" || len(ac.AuthMethodContexts) != 0 {
		t.Errorf("the Action login's auth context %+v, want the Action %s and its \"true\"", ac, action.CID)
	}

	var byCID struct {
		Capability sdkCapability `json:"capability"`
	}
	steps["litActionSessionByIpfsId"].decode(t, &byCID)
	ac = checkSessionCapability(t, "Action by CID", networkKey, byCID.Capability, pkpAddr)
	if !slices.Equal(ac.ActionIPFSIDStack, []string{action.CID}) || ac.CustomAuthResource != "true" {
		t.Errorf("the Action-by-CID login's auth context %+v, want the Action %s", ac, action.CID)
	}
	var both struct {
		Wallet     string        `json:"wallet"`
		Capability sdkCapability `json:"capability"`
	}
	steps["litActionSessionWithWallet"].decode(t, &both)
	ac = checkSessionCapability(t, "Action and wallet", networkKey, both.Capability, pkpAddr)
	if !slices.Equal(ac.ActionIPFSIDStack, []string{action.CID}) || len(ac.AuthMethodContexts) != 1 ||
		ac.AuthMethodContexts[0].UserID != both.Wallet || ac.AuthMethodContexts[0].AuthMethodType != 1 {
		t.Errorf("the Action-and-wallet login's auth context %+v, want the Action %s and the wallet %s", ac, action.CID, both.Wallet)
	}
	// executeJs's authMethods reach the Action as Lit.Auth.authMethodContexts.
	var ejs struct {
		User string `json:"user"`
		Auth struct {
			AuthSigAddress     string                   `json:"authSigAddress"`
			AuthMethodContexts []auth.AuthMethodContext `json:"authMethodContexts"`
		} `json:"auth"`
	}
	steps["executeJsAuthMethods"].decode(t, &ejs)
	if want := []auth.AuthMethodContext{{AppID: "lit", AuthMethodType: 1, UserID: ejs.User}}; ejs.Auth.AuthSigAddress != pkpAddr.Hex() ||
		!slices.Equal(ejs.Auth.AuthMethodContexts, want) {
		t.Errorf("the Action's Lit.Auth under executeJs({authMethods}): %+v, want the PKP as authSigAddress and %+v", ejs.Auth, want)
	}
	var tok struct{ JWT, Sub string }
	steps["pkpSessionWalletSignedToken"].decode(t, &tok)
	if claims, err := client.VerifyJWT(networkKey, tok.JWT); err != nil || !strings.EqualFold(claims.Sub, pkpAddr.Hex()) {
		t.Errorf("the signed token under the PKP session: %v, %+v; want the PKP %s", err, claims, pkpAddr.Hex())
	}
	var revoked struct {
		AfterMS   int      `json:"afterMs"`
		Tries     int      `json:"tries"`
		Transient []string `json:"transient"`
	}
	steps["pkpSessionWalletRevoked"].decode(t, &revoked)
	t.Logf("the SDK's PKP session was refused %d ms after its login's removal was mined (try %d; before that %v)",
		revoked.AfterMS, revoked.Tries, revoked.Transient)
	var dec struct{ Secret, Plaintext string }
	steps["pkpSessionWalletDecrypt"].decode(t, &dec)
	if dec.Secret == "" || dec.Plaintext != dec.Secret {
		t.Errorf("decryption as the PKP: %+v", dec)
	}

	for name, code := range map[string]string{
		"pkpSessionWalletStranger":      "NodePKPNotAuthorized",
		"pkpSessionWalletRevoked":       "NodePKPNotAuthorized",
		"litActionSessionUnpermitted":   "NodePKPNotAuthorized",
		"litActionSessionWrongResponse": "NodeLitActionsSessionSigAuthenticationFailed",
		"litActionSessionNoResponse":    "NodeLitActionsSessionSigAuthenticationFailed",
	} {
		var r struct {
			Error struct{ Name, Message, ErrorCode string } `json:"error"`
		}
		steps[name].decode(t, &r)
		if r.Error.ErrorCode != code {
			t.Errorf("%s: the SDK's error %+v, want the node's %s", name, r.Error, code)
		} else {
			t.Logf("%s: %s: %s", name, r.Error.Name, r.Error.Message)
		}
	}
}

// checkSessionCapability verifies a PKP session capability with
// crypto/bls and returns the auth context its ReCap carries.
func checkSessionCapability(t *testing.T, what string, networkKey bls.PublicKey, c sdkCapability, pkpAddr common.Address) auth.AuthContext {
	t.Helper()
	if c.Algo != "LIT_BLS" || c.DerivedVia != "lit.bls" || c.Address != pkpAddr.Hex() {
		t.Fatalf("%s: capability %+v, want LIT_BLS / lit.bls for %s", what, c, pkpAddr.Hex())
	}
	var sig struct{ ProofOfPossession string }
	if err := json.Unmarshal([]byte(c.Sig), &sig); err != nil {
		t.Fatalf("%s: capability sig %q: %v", what, c.Sig, err)
	}
	raw, err := hex.DecodeString(sig.ProofOfPossession)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	s, err := bls.ParseSignature(raw)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	h := auth.SessionHash(c.SignedMessage)
	if err := bls.Verify(networkKey, h[:], s); err != nil {
		t.Fatalf("%s: the network's signature does not verify over the session hash: %v", what, err)
	}
	// The same signature must not verify over another message (the check can fail).
	other := auth.SessionHash(c.SignedMessage + " ")
	if bls.Verify(networkKey, other[:], s) == nil {
		t.Fatalf("%s: the signature verifies over another message", what)
	}
	m, err := auth.ParseMessage(c.SignedMessage)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if m.Address != pkpAddr {
		t.Fatalf("%s: the session SIWE names %s, not the PKP %s", what, m.Address.Hex(), pkpAddr.Hex())
	}
	if len(m.Resources) != 1 {
		t.Fatalf("%s: resources %v, want one ReCap", what, m.Resources)
	}
	rc, err := auth.ParseRecap(m.Resources[0])
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	nbs := rc.Att[auth.AuthContextResource][auth.AuthContextAbility]
	if len(nbs) != 1 {
		t.Fatalf("%s: ReCap %v has no single auth context", what, rc.Att)
	}
	var nb struct {
		AuthContext auth.AuthContext `json:"auth_context"`
	}
	if err := json.Unmarshal(nbs[0], &nb); err != nil {
		t.Fatalf("%s: auth context %s: %v", what, nbs[0], err)
	}
	return nb.AuthContext
}

// checkMintWithAuth checks the SDK's mintWithAuth step against the chain: the
// PKP is owned by its own address (the SDK asks the helper to send it there),
// in owner generation 0, and permits exactly the EthWallet login
// keccak256("<checksummed address>:lit") with scope 1, computed here, and
// the PKP's own address (no scopes), as the SDK asks.
func checkMintWithAuth(t *testing.T, ctx context.Context, cc *chain.Client, s *sdkStep) {
	t.Helper()
	var m struct {
		TokenID         string   `json:"tokenId"`
		EthAddress      string   `json:"ethAddress"`
		Owner           string   `json:"owner"`
		User            string   `json:"user"`
		AuthMethodID    string   `json:"authMethodId"`
		TokenIDs        []string `json:"tokenIds"`
		FirstLogAddress string   `json:"firstLogAddress"`
	}
	s.decode(t, &m)
	tokenID, ok := new(big.Int).SetString(strings.TrimPrefix(m.TokenID, "0x"), 16)
	if !ok {
		t.Fatalf("mintWithAuth token id %q", m.TokenID)
	}
	pkp, err := cc.PKP(ctx, tokenID)
	if err != nil {
		t.Fatal(err)
	}
	if pkp.Owner != pkp.EthAddress || pkp.OwnerGeneration != 0 || m.Owner != pkp.EthAddress.Hex() || m.EthAddress != pkp.EthAddress.Hex() {
		t.Fatalf("mintWithAuth PKP on chain %+v; SDK says owner %s address %s", pkp, m.Owner, m.EthAddress)
	}
	if m.FirstLogAddress != cc.Addresses().PKPNFT.Hex() {
		t.Fatalf("first log of the helper mint from %s, want PKPNFT %s", m.FirstLogAddress, cc.Addresses().PKPNFT)
	}
	user := common.HexToAddress(m.User)
	wantID := crypto.Keccak256([]byte(user.Hex() + ":lit"))
	if !strings.EqualFold(m.AuthMethodID, "0x"+hex.EncodeToString(wantID)) {
		t.Fatalf("SDK's auth method id %s, want %x", m.AuthMethodID, wantID)
	}
	ams, err := cc.PermittedAuthMethods(ctx, tokenID)
	if err != nil || len(ams) != 2 || ams[0].Type != chain.AuthMethodAddress || !bytes.Equal(ams[0].ID, wantID) ||
		ams[1].Type != chain.AuthMethodAddress || !bytes.Equal(ams[1].ID, pkp.EthAddress.Bytes()) {
		t.Fatalf("permitted auth methods on chain: %+v, %v", ams, err)
	}
	scopes, err := cc.PermittedAuthMethodScopes(ctx, tokenID, chain.AuthMethodAddress, wantID)
	if err != nil || !slices.Equal(scopes, []chain.Scope{chain.ScopeSignAnything}) {
		t.Fatalf("scopes on chain: %v, %v", scopes, err)
	}
	t.Logf("mintWithAuth: PKP %s owned by itself, wallet login of %s permitted with scope 1", pkp.EthAddress, user)
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
