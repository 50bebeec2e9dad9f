// Builds the ethers v5 API that Actions use from Go primitives (p): hashing, bytes, signatures,
// addresses, units and transactions run in Go; BigNumber is here, on BigInt.
(function (p) {
  'use strict';
  const { freeze } = Object;
  const MAX_SAFE = 9007199254740991n;
  const GUARD = {};

  const fault = (msg, fault, operation) => {
    const e = new Error(msg + ' (fault="' + fault + '", operation="' + operation + '", code=NUMERIC_FAULT, version=bignumber/5.7.0)');
    e.code = 'NUMERIC_FAULT';
    e.fault = fault;
    throw e;
  };
  const argError = (msg, value) => {
    const e = new Error(msg + ' (argument="value", value=' + JSON.stringify(String(value)) + ', code=INVALID_ARGUMENT, version=bignumber/5.7.0)');
    e.code = 'INVALID_ARGUMENT';
    throw e;
  };

  const toHex = (b) => {
    if (b < 0n) return '-' + toHex(-b);
    const h = b.toString(16);
    return '0x' + (h.length % 2 ? '0' + h : h);
  };

  const fromHex = (h) => (h[0] === '-' ? -BigInt(h.slice(1)) : BigInt(h));

  function toBig(v) {
    if (v instanceof BigNumber) return fromHex(v._hex);
    switch (typeof v) {
      case 'bigint':
        return v;
      case 'number':
        if (v % 1) fault('underflow', 'underflow', 'BigNumber.from');
        if (v >= 9007199254740991 || v <= -9007199254740991) fault('overflow', 'overflow', 'BigNumber.from');
        return BigInt(v);
      case 'string':
        if (/^-?0x[0-9a-fA-F]+$/.test(v)) return fromHex(v);
        if (/^-?[0-9]+$/.test(v)) return BigInt(v);
        return argError('invalid BigNumber string', v);
    }
    if (v && typeof v === 'object') {
      if (v._isBigNumber === true && typeof v._hex === 'string') return toBig(v._hex);
      if (v.type === 'BigNumber' && typeof v.hex === 'string') return toBig(v.hex);
      if (typeof v.toHexString === 'function') return toBig(v.toHexString());
      if (p.isBytes(v)) return BigInt(p.hexlify(v) === '0x' ? 0 : p.hexlify(v));
    }
    return argError('invalid BigNumber value', v);
  }

  const mk = (b) => new BigNumber(GUARD, toHex(b));
  const mask = (width) => (1n << BigInt(width)) - 1n;

  class BigNumber {
    constructor(guard, hex) {
      if (guard !== GUARD) throw new Error('cannot call constructor directly; use BigNumber.from');
      this._hex = hex;
      this._isBigNumber = true;
      freeze(this);
    }
    static from(v) {
      if (v instanceof BigNumber) return v;
      return mk(toBig(v));
    }
    static isBigNumber(v) {
      return !!(v && v._isBigNumber === true);
    }
    fromTwos(width) {
      const v = toBig(this) & mask(width);
      return mk(v >> BigInt(width - 1) ? v - (1n << BigInt(width)) : v);
    }
    toTwos(width) {
      const v = toBig(this);
      return mk(v < 0n ? (1n << BigInt(width)) + v : v);
    }
    abs() {
      const v = toBig(this);
      return mk(v < 0n ? -v : v);
    }
    add(o) {
      return mk(toBig(this) + toBig(o));
    }
    sub(o) {
      return mk(toBig(this) - toBig(o));
    }
    mul(o) {
      return mk(toBig(this) * toBig(o));
    }
    div(o) {
      const d = toBig(o);
      if (d === 0n) fault('division-by-zero', 'division-by-zero', 'div');
      return mk(toBig(this) / d);
    }
    mod(o) {
      const d = toBig(o);
      if (d < 0n) fault('division-by-zero', 'cannot modulo negative values', 'mod');
      if (d === 0n) fault('division-by-zero', 'division-by-zero', 'mod');
      const r = toBig(this) % d;
      return mk(r < 0n ? r + d : r);
    }
    pow(o) {
      const e = toBig(o);
      if (e < 0n) fault('cannot raise to negative values', 'negative-power', 'pow');
      if (e > 65536n) fault('exponent too large', 'overflow', 'pow');
      return mk(toBig(this) ** e);
    }
    and(o) {
      const a = toBig(this), b = toBig(o);
      if (a < 0n || b < 0n) fault("cannot 'and' negative values", 'unbound-bitwise-result', 'and');
      return mk(a & b);
    }
    or(o) {
      const a = toBig(this), b = toBig(o);
      if (a < 0n || b < 0n) fault("cannot 'or' negative values", 'unbound-bitwise-result', 'or');
      return mk(a | b);
    }
    xor(o) {
      const a = toBig(this), b = toBig(o);
      if (a < 0n || b < 0n) fault("cannot 'xor' negative values", 'unbound-bitwise-result', 'xor');
      return mk(a ^ b);
    }
    mask(bits) {
      const v = toBig(this);
      if (v < 0n || bits < 0) fault('cannot mask negative values', 'negative-width', 'mask');
      return mk(v & mask(bits));
    }
    shl(n) {
      const v = toBig(this);
      if (v < 0n || n < 0) fault('cannot shift negative values', 'negative-width', 'shl');
      return mk(v << BigInt(n));
    }
    shr(n) {
      const v = toBig(this);
      if (v < 0n || n < 0) fault('cannot shift negative values', 'negative-width', 'shr');
      return mk(v >> BigInt(n));
    }
    eq(o) {
      return toBig(this) === toBig(o);
    }
    lt(o) {
      return toBig(this) < toBig(o);
    }
    lte(o) {
      return toBig(this) <= toBig(o);
    }
    gt(o) {
      return toBig(this) > toBig(o);
    }
    gte(o) {
      return toBig(this) >= toBig(o);
    }
    isNegative() {
      return toBig(this) < 0n;
    }
    isZero() {
      return toBig(this) === 0n;
    }
    toNumber() {
      const v = toBig(this);
      if (v > MAX_SAFE || v < -MAX_SAFE) fault('overflow', 'overflow', 'toNumber');
      return Number(v);
    }
    toBigInt() {
      return toBig(this);
    }
    toString() {
      return toBig(this).toString();
    }
    toHexString() {
      return this._hex;
    }
    toJSON() {
      return { type: 'BigNumber', hex: this._hex };
    }
  }

  const bnString = (v) => BigNumber.from(v).toString();
  const unitsOf = (u) => (u === undefined ? 18 : u);

  const utils = {
    keccak256: p.keccak256,
    sha256: p.sha256,
    sha512: p.sha512,
    ripemd160: p.ripemd160,
    id: p.id,
    hashMessage: p.hashMessage,
    solidityPack: p.solidityPack,
    solidityKeccak256: p.solidityKeccak256,
    soliditySha256: p.soliditySha256,
    arrayify: p.arrayify,
    hexlify: p.hexlify,
    concat: p.concat,
    hexConcat: p.hexConcat,
    zeroPad: p.zeroPad,
    hexZeroPad: p.hexZeroPad,
    hexDataSlice: p.hexDataSlice,
    hexDataLength: p.hexDataLength,
    stripZeros: p.stripZeros,
    hexStripZeros: p.hexStripZeros,
    hexValue: p.hexValue,
    isHexString: p.isHexString,
    isBytes: p.isBytes,
    isBytesLike: p.isBytesLike,
    toUtf8Bytes: p.toUtf8Bytes,
    toUtf8String: p.toUtf8String,
    formatBytes32String: p.formatBytes32String,
    parseBytes32String: p.parseBytes32String,
    base64: freeze({ encode: p.base64Encode, decode: p.base64Decode }),
    base58: freeze({ encode: p.base58Encode, decode: p.base58Decode }),
    randomBytes: p.randomBytes,
    splitSignature: p.splitSignature,
    joinSignature: p.joinSignature,
    recoverAddress: p.recoverAddress,
    recoverPublicKey: p.recoverPublicKey,
    computeAddress: p.computeAddress,
    computePublicKey: p.computePublicKey,
    verifyMessage: p.verifyMessage,
    getAddress: p.getAddress,
    isAddress: p.isAddress,
    getContractAddress: p.getContractAddress,
    getCreate2Address: p.getCreate2Address,
    parseUnits: (value, unit) => BigNumber.from(p.parseUnits(String(value), unit)),
    formatUnits: (value, unit) => p.formatUnits(bnString(value), unitsOf(unit)),
    parseEther: (value) => BigNumber.from(p.parseUnits(String(value), 18)),
    formatEther: (value) => p.formatUnits(bnString(value), 18),
    serializeTransaction: p.serializeTransaction,
    parseTransaction(raw) {
      const tx = p.parseTransaction(raw);
      for (const k of ['gasPrice', 'gasLimit', 'value', 'maxFeePerGas', 'maxPriorityFeePerGas']) {
        if (typeof tx[k] === 'string') tx[k] = BigNumber.from(tx[k]);
      }
      if (typeof tx.nonce === 'string') tx.nonce = BigNumber.from(tx.nonce).toNumber();
      return tx;
    },
  };

  const constants = {
    AddressZero: '0x0000000000000000000000000000000000000000',
    HashZero: '0x0000000000000000000000000000000000000000000000000000000000000000',
    EtherSymbol: '\u039e',
    NegativeOne: BigNumber.from(-1),
    Zero: BigNumber.from(0),
    One: BigNumber.from(1),
    Two: BigNumber.from(2),
    WeiPerEther: BigNumber.from('1000000000000000000'),
    MaxUint256: BigNumber.from('0x' + 'f'.repeat(64)),
    MinInt256: BigNumber.from('-0x8' + '0'.repeat(63)),
    MaxInt256: BigNumber.from('0x7' + 'f'.repeat(63)),
  };

  // JsonRpcProvider: the reads and the transaction submission Actions make with ethers v5, as JSON-RPC
  // over the runtime's fetch (so each request counts against the fetch limit, as in Lit).
  const quantity = (v) => p.hexValue(BigNumber.from(v).toHexString());
  const blockTag = (t) => (t === undefined || t === null ? 'latest' : typeof t === 'number' ? quantity(t) : t);
  const toNumber = (v) => (v === null || v === undefined ? v : BigNumber.from(v).toNumber());
  const toBN = (v) => (v === null || v === undefined ? v : BigNumber.from(v));
  const address = (v) => (v ? p.getAddress(v) : v);
  const rpcTx = (tx) => {
    const out = {};
    for (const k of ['gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas', 'value', 'nonce', 'type', 'chainId']) {
      if (tx[k] != null) out[k] = quantity(tx[k]);
    }
    if (tx.gasLimit != null) out.gas = quantity(tx.gasLimit);
    if (tx.from != null) out.from = p.getAddress(tx.from);
    if (tx.to != null) out.to = p.getAddress(tx.to);
    if (tx.data != null) out.data = p.hexlify(tx.data);
    if (tx.accessList != null) out.accessList = tx.accessList;
    return out;
  };
  const formatReceipt = (r) =>
    r && {
      ...r,
      to: address(r.to),
      from: address(r.from),
      contractAddress: address(r.contractAddress),
      blockNumber: toNumber(r.blockNumber),
      transactionIndex: toNumber(r.transactionIndex),
      status: toNumber(r.status),
      type: toNumber(r.type),
      gasUsed: toBN(r.gasUsed),
      cumulativeGasUsed: toBN(r.cumulativeGasUsed),
      effectiveGasPrice: toBN(r.effectiveGasPrice),
    };
  const formatBlock = (b) =>
    b && {
      ...b,
      number: toNumber(b.number),
      timestamp: toNumber(b.timestamp),
      gasLimit: toBN(b.gasLimit),
      gasUsed: toBN(b.gasUsed),
      baseFeePerGas: toBN(b.baseFeePerGas),
      miner: address(b.miner),
    };
  const rpcError = (message, code, extra) => Object.assign(new Error(message + ' (code=' + code + ', version=providers/5.7.2)'), { code }, extra);

  class JsonRpcProvider {
    constructor(url, network) {
      this.connection = { url: typeof url === 'string' ? url : (url && url.url) || 'http://localhost:8545' };
      if (network != null) this._network = typeof network === 'object' ? network : { chainId: Number(network), name: 'unknown' };
      this._nextId = 42;
      this.pollingInterval = 4000;
      this._isProvider = true;
    }
    async send(method, params) {
      const body = JSON.stringify({ method, params: params || [], id: this._nextId++, jsonrpc: '2.0' });
      const res = await fetch(this.connection.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await res.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw rpcError('invalid JSON response', 'SERVER_ERROR', { body: text, status: res.status });
      }
      if (json.error) throw rpcError(json.error.message || 'processing response error', 'SERVER_ERROR', { error: json.error, body: text });
      if (!('result' in json)) throw rpcError('missing response', 'SERVER_ERROR', { body: text, status: res.status });
      return json.result;
    }
    async getNetwork() {
      if (!this._network) this._network = { chainId: toNumber(await this.send('eth_chainId', [])), name: 'unknown' };
      return this._network;
    }
    detectNetwork() {
      return this.getNetwork();
    }
    get ready() {
      return this.getNetwork();
    }
    async getBlockNumber() {
      return toNumber(await this.send('eth_blockNumber', []));
    }
    async getGasPrice() {
      return toBN(await this.send('eth_gasPrice', []));
    }
    async getBalance(addr, tag) {
      return toBN(await this.send('eth_getBalance', [p.getAddress(await addr), blockTag(await tag)]));
    }
    async getTransactionCount(addr, tag) {
      return toNumber(await this.send('eth_getTransactionCount', [p.getAddress(await addr), blockTag(await tag)]));
    }
    async getCode(addr, tag) {
      return this.send('eth_getCode', [p.getAddress(await addr), blockTag(await tag)]);
    }
    async getStorageAt(addr, pos, tag) {
      return this.send('eth_getStorageAt', [p.getAddress(await addr), quantity(await pos), blockTag(await tag)]);
    }
    async call(tx, tag) {
      return this.send('eth_call', [rpcTx(await tx), blockTag(await tag)]);
    }
    async estimateGas(tx) {
      return toBN(await this.send('eth_estimateGas', [rpcTx(await tx)]));
    }
    async getBlock(tag) {
      tag = await tag;
      const byHash = typeof tag === 'string' && tag.length === 66;
      return formatBlock(await this.send(byHash ? 'eth_getBlockByHash' : 'eth_getBlockByNumber', [blockTag(tag), false]));
    }
    async getFeeData() {
      const [block, gasPrice] = await Promise.all([this.getBlock('latest'), this.getGasPrice()]);
      let maxFeePerGas = null, maxPriorityFeePerGas = null, lastBaseFeePerGas = null;
      if (block && block.baseFeePerGas) {
        lastBaseFeePerGas = block.baseFeePerGas;
        maxPriorityFeePerGas = BigNumber.from('1500000000');
        maxFeePerGas = block.baseFeePerGas.mul(2).add(maxPriorityFeePerGas);
      }
      return { lastBaseFeePerGas, maxFeePerGas, maxPriorityFeePerGas, gasPrice };
    }
    async getTransaction(hash) {
      const tx = await this.send('eth_getTransactionByHash', [await hash]);
      return tx && { ...tx, from: address(tx.from), to: address(tx.to), nonce: toNumber(tx.nonce), value: toBN(tx.value),
        gasLimit: toBN(tx.gas), gasPrice: toBN(tx.gasPrice), blockNumber: toNumber(tx.blockNumber) };
    }
    async getTransactionReceipt(hash) {
      const r = formatReceipt(await this.send('eth_getTransactionReceipt', [await hash]));
      if (r && r.blockNumber != null) r.confirmations = (await this.getBlockNumber()) - r.blockNumber + 1;
      return r;
    }
    async waitForTransaction(hash, confirms = 1, timeout) {
      const start = Date.now();
      for (;;) {
        const r = await this.getTransactionReceipt(hash);
        if (r && r.blockNumber != null && r.confirmations >= confirms) return r;
        if (timeout && Date.now() - start > timeout) throw rpcError('timeout exceeded', 'TIMEOUT', { timeout });
        await new Promise((resolve) => setTimeout(resolve, this.pollingInterval));
      }
    }
    async sendTransaction(signedTx) {
      const raw = p.hexlify(await signedTx);
      const tx = utils.parseTransaction(raw);
      const hash = await this.send('eth_sendRawTransaction', [raw]);
      tx.hash = hash;
      tx.confirmations = 0;
      tx.wait = async (confirms = 1, timeout) => {
        const r = await this.waitForTransaction(hash, confirms, timeout);
        if (r.status === 0) throw rpcError('transaction failed', 'CALL_EXCEPTION', { transactionHash: hash, receipt: r });
        return r;
      };
      return tx;
    }
  }

  const providers = { JsonRpcProvider, StaticJsonRpcProvider: JsonRpcProvider };

  return freeze({
    version: '5.7.2',
    BigNumber,
    constants: freeze(constants),
    utils: freeze(utils),
    providers: freeze(providers),
  });
});
