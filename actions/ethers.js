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

  return freeze({
    version: '5.7.2',
    BigNumber,
    constants: freeze(constants),
    utils: freeze(utils),
  });
});
