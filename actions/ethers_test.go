package actions

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// evalJSON runs code, whose last setResponse is JSON, and decodes it into out.
func evalJSON(t *testing.T, code string, params map[string]any, out any) {
	t.Helper()
	res := mustRun(t, newFakeHost(t), code, params)
	if err := json.Unmarshal([]byte(res.Response), out); err != nil {
		t.Fatalf("response %q: %v", res.Response, err)
	}
}

// checkSignedTx decodes a signed transaction with go-ethereum and checks its sender.
func checkSignedTx(t *testing.T, rawHex, wantFrom string) *types.Transaction {
	t.Helper()
	raw, err := hex.DecodeString(strings.TrimPrefix(rawHex, "0x"))
	if err != nil {
		t.Fatal(err)
	}
	var tx types.Transaction
	if err := tx.UnmarshalBinary(raw); err != nil {
		t.Fatalf("go-ethereum cannot decode %s: %v", rawHex, err)
	}
	var signer types.Signer = types.HomesteadSigner{}
	if tx.Protected() {
		signer = types.LatestSignerForChainID(tx.ChainId())
	}
	from, err := types.Sender(signer, &tx)
	if err != nil {
		t.Fatal(err)
	}
	if from.Hex() != wantFrom {
		t.Fatalf("sender %s, want %s", from.Hex(), wantFrom)
	}
	return &tx
}

func TestEthersHashing(t *testing.T) {
	var got []string
	evalJSON(t, `const u = ethers.utils; Lit.Actions.setResponse({ response: JSON.stringify([
		u.keccak256(u.toUtf8Bytes("abc")), u.keccak256("0x616263"), u.keccak256([97, 98, 99]), u.sha256(u.toUtf8Bytes("abc")),
		u.id("Transfer(address,address,uint256)"), u.hashMessage("hello"), u.hashMessage(u.arrayify("0x0102")),
		u.solidityKeccak256(["address", "uint256", "string", "bytes32", "int8", "bool", "uint16[]", "bytes"],
			["0x000000000000000000000000000000000000dEaD", 1, "hi", u.hexZeroPad("0x05", 32), -1, true, [1, 2], "0xbeef"]),
		u.soliditySha256(["uint8"], [255]),
	]) });`, nil, &got)
	hexOf := func(b []byte) string { return "0x" + hex.EncodeToString(b) }
	sum := sha256.Sum256([]byte("abc"))
	packed := append(common.HexToAddress("0xdead").Bytes(), common.LeftPadBytes([]byte{1}, 32)...)
	packed = append(packed, "hi"...)
	packed = append(packed, common.LeftPadBytes([]byte{5}, 32)...)
	packed = append(packed, 0xff, 1)
	packed = append(packed, common.LeftPadBytes([]byte{1}, 32)...)
	packed = append(packed, common.LeftPadBytes([]byte{2}, 32)...)
	packed = append(packed, 0xbe, 0xef)
	sum8 := sha256.Sum256([]byte{0xff})
	want := []string{
		hexOf(crypto.Keccak256([]byte("abc"))), hexOf(crypto.Keccak256([]byte("abc"))), hexOf(crypto.Keccak256([]byte("abc"))),
		hexOf(sum[:]), hexOf(crypto.Keccak256([]byte("Transfer(address,address,uint256)"))),
		hexOf(accounts.TextHash([]byte("hello"))), hexOf(accounts.TextHash([]byte{1, 2})),
		hexOf(crypto.Keccak256(packed)), hexOf(sum8[:]),
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d: %s, want %s", i, got[i], want[i])
		}
	}
}

func TestEthersBytes(t *testing.T) {
	var got []any
	evalJSON(t, `const u = ethers.utils; Lit.Actions.setResponse({ response: JSON.stringify([
		u.hexlify(0), u.hexlify(255), u.hexlify(256), u.hexlify([1, 2, 255]), u.hexlify("0xABcd"), u.hexlify(ethers.BigNumber.from(4096)),
		Array.from(u.arrayify("0x0102")), Array.from(u.arrayify(513)), Array.from(u.arrayify("0x1", { hexPad: "left" })),
		u.hexlify(u.concat(["0x01", [2], new Uint8Array([3])])), u.hexConcat(["0x01", "0x0203"]),
		u.hexlify(u.zeroPad("0x0102", 4)), u.hexZeroPad("0x0102", 4), u.hexDataSlice("0x01020304", 1, 3), u.hexDataLength("0x0102"),
		u.hexStripZeros("0x000102"), u.hexValue("0x000102"), u.hexValue(0), u.isHexString("0x12"), u.isHexString("12"), u.isHexString("0x1234", 2),
		u.isBytesLike([1, 2]), u.isBytesLike("0x123"), u.isBytes(new Uint8Array(1)),
		u.toUtf8String(u.toUtf8Bytes("héllo")), u.base64.encode(u.toUtf8Bytes("hi")), u.toUtf8String(u.base64.decode("aGk=")),
		u.formatBytes32String("lit"), u.parseBytes32String(u.formatBytes32String("lit")),
		u.base58.encode("0x0000ff"),
	]) });`, nil, &got)
	want := []any{"0x00", "0xff", "0x0100", "0x0102ff", "0xabcd", "0x1000",
		[]any{1.0, 2.0}, []any{2.0, 1.0}, []any{1.0},
		"0x010203", "0x010203", "0x00000102", "0x00000102", "0x0203", 2.0,
		"0x102", "0x102", "0x0", true, false, true, true, false, true,
		"héllo", "aGk=", "hi", "0x6c69740000000000000000000000000000000000000000000000000000000000", "lit", "115Q"}
	for i := range want {
		if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) {
			t.Errorf("item %d: %v, want %v", i, got[i], want[i])
		}
	}
	h := newFakeHost(t)
	for _, bad := range []string{`ethers.utils.arrayify("0x123")`, `ethers.utils.arrayify("hello")`, `ethers.utils.arrayify(-1)`,
		`ethers.utils.arrayify([256])`, `ethers.utils.zeroPad("0x010203", 2)`, `ethers.utils.toUtf8String([0xff])`, `ethers.utils.hexZeroPad("12", 2)`} {
		if _, err := runWith(t, h, Limits{}, bad, nil); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestEthersSignatures(t *testing.T) {
	key, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	digest := crypto.Keccak256([]byte("digest"))
	sig, _ := crypto.Sign(digest, key)
	sig27 := append(append([]byte(nil), sig[:64]...), sig[64]+27)
	personal, _ := crypto.Sign(accounts.TextHash([]byte("hello lit")), key)
	personal[64] += 27
	var got map[string]any
	evalJSON(t, `const u = ethers.utils; const s = u.splitSignature(sig27); Lit.Actions.setResponse({ response: JSON.stringify({
		a1: u.recoverAddress(digest, sig), a2: u.recoverAddress(digest, sig27), a3: u.recoverAddress(digest, s.compact),
		a4: u.recoverAddress(digest, { r: s.r, s: s.s, v: s.v }), a5: u.recoverAddress(digest, { r: s.r, _vs: s._vs }),
		a6: u.recoverAddress(digest, { r: s.r, s: s.s, recoveryParam: s.recoveryParam }),
		pub: u.recoverPublicKey(digest, sig), join: u.joinSignature(s), joinObj: u.joinSignature({ r: s.r, s: s.s, v: s.recoveryParam }),
		rp: s.recoveryParam, v: s.v, verify: u.verifyMessage("hello lit", personal),
		fromPriv: u.computeAddress(priv), fromPub: u.computeAddress(u.computePublicKey(priv, true)), compressed: u.computePublicKey(pubU, true),
		checksum: u.getAddress(addr.toLowerCase()), ok: u.isAddress(addr), badChecksum: u.isAddress(badAddr),
	}) });`, map[string]any{
		"digest": "0x" + hex.EncodeToString(digest), "sig": "0x" + hex.EncodeToString(sig), "sig27": "0x" + hex.EncodeToString(sig27),
		"personal": "0x" + hex.EncodeToString(personal), "priv": "0x" + hex.EncodeToString(crypto.FromECDSA(key)),
		"pubU": "0x" + hex.EncodeToString(crypto.FromECDSAPub(&key.PublicKey)), "addr": addr, "badAddr": flipCase(addr),
	}, &got)
	for _, k := range []string{"a1", "a2", "a3", "a4", "a5", "a6", "verify", "fromPriv", "fromPub", "checksum"} {
		if got[k] != addr {
			t.Errorf("%s = %v, want %s", k, got[k], addr)
		}
	}
	if got["pub"] != "0x"+hex.EncodeToString(crypto.FromECDSAPub(&key.PublicKey)) {
		t.Errorf("recoverPublicKey %v", got["pub"])
	}
	if got["join"] != "0x"+hex.EncodeToString(sig27) || got["joinObj"] != got["join"] {
		t.Errorf("joinSignature %v / %v", got["join"], got["joinObj"])
	}
	if got["rp"] != float64(sig[64]) || got["v"] != float64(sig[64]+27) {
		t.Errorf("recoveryParam %v v %v", got["rp"], got["v"])
	}
	if got["compressed"] != "0x"+hex.EncodeToString(crypto.CompressPubkey(&key.PublicKey)) {
		t.Errorf("computePublicKey %v", got["compressed"])
	}
	if got["ok"] != true || got["badChecksum"] != false {
		t.Errorf("isAddress %v / bad checksum %v", got["ok"], got["badChecksum"])
	}
}

func TestEthersUnitsAndBigNumber(t *testing.T) {
	var got []any
	evalJSON(t, `const u = ethers.utils, BN = ethers.BigNumber; Lit.Actions.setResponse({ response: JSON.stringify([
		u.parseEther("1.5").toString(), u.formatEther("1500000000000000000"), u.formatEther(u.parseEther("2")),
		u.formatUnits(1, 18), u.parseUnits("1", "gwei").toString(), u.formatUnits("1000000", 6), u.formatUnits(BN.from(-1234500), 4),
		u.parseUnits("0.000001", 6).toHexString(), u.parseUnits(".5", 1).toString(),
		BN.from("0x10").add(1).mul(3).sub(BN.from(2)).div(7).toNumber(), BN.from(10).pow(20).toString(), BN.from(-7).mod(3).toString(),
		BN.from(5).eq("5"), BN.from(5).lt(6), BN.from(5).gte(6), BN.from(0).isZero(), BN.from(-1).toTwos(8).toHexString(),
		BN.from(255).fromTwos(8).toString(), BN.from(0).toHexString(), BN.isBigNumber(BN.from(1)), BN.from(1n << 70n).toString(),
		ethers.constants.MaxUint256.toHexString(), ethers.constants.AddressZero, BN.from(123).toJSON(), BN.from({ _hex: "0x0a", _isBigNumber: true }).toNumber(),
	]) });`, nil, &got)
	want := []any{"1500000000000000000", "1.5", "2.0", "0.000000000000000001", "1000000000", "1.0", "-123.45",
		"0x01", "5", 7.0, "100000000000000000000", "2", true, true, false, true, "0xff", "-1", "0x00", true, "1180591620717411303424",
		"0x" + strings.Repeat("f", 64), "0x0000000000000000000000000000000000000000", map[string]any{"type": "BigNumber", "hex": "0x7b"}, 10.0}
	for i := range want {
		if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) {
			t.Errorf("item %d: %v, want %v", i, got[i], want[i])
		}
	}
	h := newFakeHost(t)
	for _, bad := range []string{`ethers.utils.parseUnits("1.0000001", 6)`, `ethers.utils.parseEther("1e5")`, `ethers.BigNumber.from(1.5)`,
		`ethers.BigNumber.from(2 ** 60)`, `ethers.BigNumber.from(1).div(0)`, `ethers.BigNumber.from(2).pow(70).toNumber()`, `new ethers.BigNumber(1)`} {
		if _, err := runWith(t, h, Limits{}, bad, nil); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestSerializeTransaction(t *testing.T) {
	key, _ := crypto.GenerateKey()
	from := crypto.PubkeyToAddress(key.PublicKey).Hex()
	to := common.HexToAddress("0x000000000000000000000000000000000000bEEF")
	// Each transaction: JS serializes it unsigned, Go checks the hash against go-ethereum's signer,
	// signs in Go, JS serializes it signed, Go decodes it with go-ethereum and checks every field.
	cases := []struct {
		name    string
		js      string
		tx      types.TxData
		chainID int64 // of a legacy transaction; 0 means none (pre-EIP-155)
	}{
		{"legacy-155", `{ to: "` + to.Hex() + `", nonce: 7, gasLimit: 21000, gasPrice: "0x3b9aca00", value: ethers.utils.parseEther("1"), data: "0xabcd", chainId: 137 }`,
			&types.LegacyTx{Nonce: 7, Gas: 21000, GasPrice: big.NewInt(1e9), To: &to, Value: new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil), Data: []byte{0xab, 0xcd}}, 137},
		{"legacy-homestead", `{ to: "` + to.Hex() + `", nonce: 0, gasLimit: 50000, gasPrice: 1 }`,
			&types.LegacyTx{Nonce: 0, Gas: 50000, GasPrice: big.NewInt(1), To: &to, Value: new(big.Int)}, 0},
		{"eip1559", `{ type: 2, chainId: 8453, to: "` + to.Hex() + `", nonce: 1, gasLimit: 100000, maxFeePerGas: 2000000000, maxPriorityFeePerGas: 1000000,
			value: 5, data: "0x01", accessList: [{ address: "` + to.Hex() + `", storageKeys: ["0x` + strings.Repeat("00", 31) + `01"] }] }`,
			&types.DynamicFeeTx{ChainID: big.NewInt(8453), Nonce: 1, Gas: 100000, GasFeeCap: big.NewInt(2e9), GasTipCap: big.NewInt(1e6), To: &to,
				Value: big.NewInt(5), Data: []byte{1}, AccessList: types.AccessList{{Address: to, StorageKeys: []common.Hash{common.BigToHash(big.NewInt(1))}}}}, 0},
		{"eip1559-create", `{ type: 2, chainId: 1, nonce: 0, gasLimit: 1000000, maxFeePerGas: 10, maxPriorityFeePerGas: 1, data: "0x6000" }`,
			&types.DynamicFeeTx{ChainID: big.NewInt(1), Nonce: 0, Gas: 1000000, GasFeeCap: big.NewInt(10), GasTipCap: big.NewInt(1), Value: new(big.Int), Data: []byte{0x60, 0}}, 0},
		{"eip2930", `{ type: 1, chainId: 5, to: "` + to.Hex() + `", nonce: 2, gasLimit: 30000, gasPrice: 9, accessList: [["` + to.Hex() + `", []]] }`,
			&types.AccessListTx{ChainID: big.NewInt(5), Nonce: 2, Gas: 30000, GasPrice: big.NewInt(9), To: &to, Value: new(big.Int),
				AccessList: types.AccessList{{Address: to, StorageKeys: []common.Hash{}}}}, 0},
	}
	h := newFakeHost(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := types.NewTx(c.tx)
			var signer types.Signer
			switch {
			case want.Type() != types.LegacyTxType:
				signer = types.LatestSignerForChainID(want.ChainId())
			case c.chainID != 0:
				signer = types.LatestSignerForChainID(big.NewInt(c.chainID))
			default:
				signer = types.HomesteadSigner{}
			}
			res := mustRun(t, h, `const tx = `+c.js+`; Lit.Actions.setResponse({ response: ethers.utils.serializeTransaction(tx) });`, nil)
			unsigned, _ := hex.DecodeString(strings.TrimPrefix(res.Response, "0x"))
			if got := common.BytesToHash(crypto.Keccak256(unsigned)); got != signer.Hash(want) {
				t.Fatalf("unsigned hash %s, go-ethereum %s (serialized %s)", got, signer.Hash(want), res.Response)
			}
			sig, err := crypto.Sign(signer.Hash(want).Bytes(), key)
			if err != nil {
				t.Fatal(err)
			}
			res = mustRun(t, h, `const tx = `+c.js+`; const p = ethers.utils.parseTransaction(ethers.utils.serializeTransaction(tx, sig));
				Lit.Actions.setResponse({ response: JSON.stringify({ raw: ethers.utils.serializeTransaction(tx, sig), from: p.from, nonce: p.nonce, value: p.value.toString() }) });`,
				map[string]any{"sig": "0x" + hex.EncodeToString(sig)})
			var out struct {
				Raw, From, Value string
				Nonce            uint64
			}
			if err := json.Unmarshal([]byte(res.Response), &out); err != nil {
				t.Fatal(err)
			}
			got := checkSignedTx(t, out.Raw, from)
			if got.Hash() != signer.Hash(want) && got.Type() != want.Type() {
				t.Fatal("type differs")
			}
			if got.Nonce() != want.Nonce() || got.Gas() != want.Gas() || got.Value().Cmp(want.Value()) != 0 || string(got.Data()) != string(want.Data()) ||
				(got.To() == nil) != (want.To() == nil) || got.GasFeeCap().Cmp(want.GasFeeCap()) != 0 || got.GasTipCap().Cmp(want.GasTipCap()) != 0 ||
				len(got.AccessList()) != len(want.AccessList()) {
				t.Fatalf("decoded %+v, want %+v", got, want)
			}
			if out.From != from || out.Nonce != want.Nonce() || out.Value != want.Value().String() {
				t.Fatalf("parseTransaction: %+v", out)
			}
		})
	}
	for _, bad := range []string{
		`ethers.utils.serializeTransaction({ type: 3 })`,
		`ethers.utils.serializeTransaction({ type: 2, gasPrice: 5, maxFeePerGas: 6 })`,
		`ethers.utils.serializeTransaction({ to: "0x1234" })`,
		`ethers.utils.serializeTransaction({ nonce: -1 })`,
		`ethers.utils.serializeTransaction({}, { r: "0x01", s: "0x02", v: 0 })`,
		`ethers.utils.serializeTransaction({ chainId: 1 }, { r: "0x01", s: "0x02", v: 40 })`,
	} {
		if _, err := runWith(t, h, Limits{}, bad, nil); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// flipCase swaps the case of the first letter of a checksummed address, breaking its checksum.
func flipCase(addr string) string {
	b := []byte(addr)
	for i := 2; i < len(b); i++ {
		switch {
		case b[i] >= 'a' && b[i] <= 'f':
			b[i] -= 'a' - 'A'
			return string(b)
		case b[i] >= 'A' && b[i] <= 'F':
			b[i] += 'a' - 'A'
			return string(b)
		}
	}
	return "0xnot-an-address"
}

func TestJsonRpcProvider(t *testing.T) {
	// A JSON-RPC endpoint with canned answers; it decodes the raw transaction it is sent with go-ethereum.
	var mu sync.Mutex
	var sent []string
	receiptPolls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Method string            `json:"method"`
			Params []json.RawMessage `json:"params"`
			ID     int               `json:"id"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		var result any
		switch req.Method {
		case "eth_chainId":
			result = "0x89"
		case "eth_blockNumber":
			result = "0x10"
		case "eth_getTransactionCount":
			result = "0x5"
		case "eth_gasPrice":
			result = "0x3b9aca00"
		case "eth_getBalance":
			result = "0xde0b6b3a7640000"
		case "eth_estimateGas":
			result = "0x5208"
		case "eth_call":
			result = "0x000000000000000000000000000000000000000000000000000000000000002a"
		case "eth_sendRawTransaction":
			var raw string
			_ = json.Unmarshal(req.Params[0], &raw)
			sent = append(sent, raw)
			result = "0x" + strings.Repeat("ab", 32)
		case "eth_getTransactionReceipt":
			receiptPolls++
			if receiptPolls > 1 {
				result = map[string]any{"transactionHash": "0x" + strings.Repeat("ab", 32), "blockNumber": "0xf", "status": "0x1", "gasUsed": "0x5208"}
			}
		default:
			json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID, "error": map[string]any{"code": -32601, "message": "no " + req.Method}})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": result})
	}))
	defer srv.Close()
	h := newFakeHost(t)
	h.rpcURL = srv.URL
	addr := crypto.PubkeyToAddress(h.key.PublicKey).Hex()
	res := mustRunLocal(t, h, `(async () => {
		const provider = new ethers.providers.JsonRpcProvider(await Lit.Actions.getRpcUrl({ chain: "ethereum" }));
		provider.pollingInterval = 5;
		const from = ethers.utils.computeAddress(publicKey);
		const { chainId } = await provider.getNetwork();
		const tx = { to: "0x000000000000000000000000000000000000dEaD", value: ethers.utils.parseEther("0.1"), chainId,
			nonce: await provider.getTransactionCount(from), gasPrice: await provider.getGasPrice(),
			gasLimit: await provider.estimateGas({ from, to: "0x000000000000000000000000000000000000dEaD", value: 1 }) };
		const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.serializeTransaction(tx)));
		const sig = JSON.parse(await Lit.Actions.signAndCombineEcdsa({ toSign, publicKey, sigName: "tx" }));
		const signed = ethers.utils.serializeTransaction(tx, ethers.utils.joinSignature({ r: "0x" + sig.r.substring(2), s: "0x" + sig.s, v: sig.v }));
		const sentTx = await provider.sendTransaction(signed);
		const receipt = await sentTx.wait();
		let missing = "";
		try { await provider.send("eth_nothing", []); } catch (e) { missing = e.message; }
		Lit.Actions.setResponse({ response: JSON.stringify({ hash: sentTx.hash, status: receipt.status, confirmations: receipt.confirmations,
			balance: ethers.utils.formatEther(await provider.getBalance(from)), block: await provider.getBlockNumber(),
			call: await provider.call({ to: from, data: "0x" }), missing, from: sentTx.from }) });
	})();`, map[string]any{"publicKey": h.pubHex()})
	var out map[string]any
	if err := json.Unmarshal([]byte(res.Response), &out); err != nil {
		t.Fatal(err)
	}
	if out["status"] != 1.0 || out["confirmations"] != 2.0 || out["balance"] != "1.0" || out["block"] != 16.0 || out["from"] != addr ||
		!strings.HasPrefix(out["missing"].(string), "no eth_nothing") || out["hash"] != "0x"+strings.Repeat("ab", 32) {
		t.Fatalf("response %v", out)
	}
	if len(sent) != 1 {
		t.Fatalf("%d transactions sent", len(sent))
	}
	tx := checkSignedTx(t, sent[0], addr)
	if tx.ChainId().Int64() != 137 || tx.Nonce() != 5 || tx.Gas() != 21000 || tx.GasPrice().Int64() != 1e9 {
		t.Fatalf("transaction %+v", tx)
	}
}
