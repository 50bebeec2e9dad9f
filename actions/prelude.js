// Installs the globals of a Lit Action. Run once per runtime, before the Action, with op (which calls
// the Go operation named by its first argument) and the Lit.Auth object; op stays private to this closure.
(function (op, auth) {
  'use strict';
  const g = globalThis;
  const { freeze, defineProperty, getPrototypeOf } = Object;
  const U8 = Uint8Array;

  // No code from strings: eval, Function and the constructors reachable through function prototypes.
  const refuse = (what) =>
    function () {
      throw new EvalError(what + ' is not allowed in Lit Actions: code cannot be generated from strings');
    };
  const FakeFunction = refuse('Function');
  FakeFunction.prototype = Function.prototype;
  defineProperty(Function.prototype, 'constructor', { value: FakeFunction, writable: true, configurable: true });
  const kinds = [
    ['AsyncFunction', async function () {}],
    ['GeneratorFunction', function* () {}],
  ]; // goja has no async generators
  for (const [name, f] of kinds) {
    defineProperty(getPrototypeOf(f), 'constructor', { value: refuse(name), configurable: true });
  }
  defineProperty(g, 'Function', { value: FakeFunction, writable: true, configurable: true });
  defineProperty(g, 'eval', { value: refuse('eval'), writable: true, configurable: true });

  const deepFreeze = (o) => {
    if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
      freeze(o);
      for (const k of Object.keys(o)) deepFreeze(o[k]);
    }
    return o;
  };

  const fromString = (s, enc) => op('u8FromString', s, enc);

  const notAvailable = (name) =>
    function () {
      return op('notAvailable', name);
    };

  // Lit.Actions, with the argument objects of Lit's lit-actions SDK.
  const actions = {
    isPermittedAction({ tokenId, ipfsId }) {
      return op('isPermitted', 'action', tokenId, ipfsId);
    },
    isPermittedAddress({ tokenId, address }) {
      return op('isPermitted', 'address', tokenId, address);
    },
    isPermittedAuthMethod({ tokenId, authMethodType, userId }) {
      return op('isPermittedAuthMethod', tokenId, authMethodType, new U8(userId));
    },
    getPermittedActions({ tokenId }) {
      return op('getPermitted', 'action', tokenId);
    },
    getPermittedAddresses({ tokenId }) {
      return op('getPermitted', 'address', tokenId);
    },
    getPermittedAuthMethods({ tokenId }) {
      return op('getPermitted', 'authMethod', tokenId);
    },
    getPermittedAuthMethodScopes({ tokenId, authMethodType, userId, maxScopeId = 100 }) {
      return op('getPermittedAuthMethodScopes', tokenId, authMethodType, new U8(userId), maxScopeId);
    },
    getLatestNonce({ address, chain }) {
      return op('getLatestNonce', address, chain);
    },
    signEcdsa({ toSign, publicKey, sigName }) {
      return op('signEcdsa', new U8(toSign), publicKey, sigName, false);
    },
    ethPersonalSignMessageEcdsa({ message, publicKey, sigName }) {
      const bytes = typeof message === 'string' ? fromString(message) : new U8(message);
      return op('signEcdsa', bytes, publicKey, sigName, true);
    },
    signAndCombineEcdsa({ toSign, publicKey, sigName }) {
      return op('signAndCombineEcdsa', new U8(toSign), publicKey, sigName);
    },
    claimKey({ keyId }) {
      return op('claimKey', keyId);
    },
    setResponse({ response }) {
      return op('setResponse', response);
    },
    call({ ipfsId, params }) {
      return op('call', ipfsId, params);
    },
    callContract({ chain, txn }) {
      return op('callContract', chain, txn);
    },
    pubkeyToTokenId({ publicKey }) {
      return op('pubkeyToTokenId', publicKey);
    },
    uint8arrayToString(array, encoding) {
      return op('u8ToString', array, encoding);
    },
    uint8arrayFromString(string, encoding) {
      return fromString(string, encoding);
    },
    broadcastAndCollect({ name, value }) {
      return op('broadcastAndCollect', name, value);
    },
    // One node runs fn; with waitForResponse the others get its result (as a string). Errors in fn
    // become '[ERROR]' and are logged, as Lit's SDK did.
    async runOnce({ waitForResponse, name }, fn) {
      const run = async () => {
        let response = '';
        try {
          response = await fn();
        } catch (e) {
          console.error('Error running function:', e);
          response = '[ERROR]';
        }
        try {
          response = response.toString();
        } catch (e) {
          console.error('Error converting response to string:', e);
          response = '';
        }
        return response;
      };
      return op('runOnce', name || 'default_bc_id', !!waitForResponse, run);
    },
    getRpcUrl({ chain }) {
      return op('getRpcUrl', chain);
    },
    // The encryption functions take Lit's parameter objects; the conditions may come in any of the
    // four kinds' fields (checkConditions also takes Lit's "conditions").
    checkConditions(params) {
      return op('checkConditions', params);
    },
    encrypt(params) {
      return op('encrypt', params);
    },
    decryptAndCombine(params) {
      return op('decrypt', params, false);
    },
    decryptToSingleNode(params) {
      return op('decrypt', params, true);
    },
    aesDecrypt: notAvailable('aesDecrypt'),
    // Flint's extension: open data encrypted to a PKP that permits this Action (docs/pkp-encryption.md).
    decryptWithPkp(params) {
      return op('decryptWithPkp', params);
    },
  };

  const readOnly = (value) => ({ value, enumerable: true, writable: false, configurable: false });
  const LitActions = freeze(actions);
  const LitAuth = deepFreeze(auth);
  defineProperty(g, 'LitActions', readOnly(LitActions));
  defineProperty(g, 'LitAuth', readOnly(LitAuth));
  defineProperty(g, 'Lit', readOnly(freeze({ Actions: LitActions, Auth: LitAuth })));

  // console, captured into the execution's logs.
  const console = {
    log: (...a) => op('log', 'log', a),
    info: (...a) => op('log', 'info', a),
    debug: (...a) => op('log', 'debug', a),
    warn: (...a) => op('log', 'warn', a),
    error: (...a) => op('log', 'error', a),
    trace: (...a) => op('log', 'trace', a),
    dir: (v) => op('log', 'log', [v]),
    table: (v) => op('log', 'log', [v]),
    assert: (cond, ...a) => {
      if (!cond) op('log', 'error', ['Assertion failed' + (a.length ? ':' : ''), ...a]);
    },
  };
  defineProperty(g, 'console', { value: console, writable: true, configurable: true });

  const value = (v) => ({ value: v, writable: true, configurable: true });

  // Globals most Actions never touch are built on first use, to keep a runtime's start cheap.
  const lazy = (names, build) => {
    let built;
    for (const name of names) {
      defineProperty(g, name, {
        configurable: true,
        get() {
          built = built || build();
          defineProperty(g, name, value(built[name]));
          return built[name];
        },
        set(v) {
          defineProperty(g, name, value(v));
        },
      });
    }
  };

  lazy(['TextEncoder', 'TextDecoder'], () => {
    class TextEncoder {
      get encoding() {
        return 'utf-8';
      }
      encode(input = '') {
        return op('utf8Encode', String(input));
      }
    }
    const utf8Labels = ['utf-8', 'utf8', 'unicode-1-1-utf-8'];
    class TextDecoder {
      constructor(label = 'utf-8', options = {}) {
        if (!utf8Labels.includes(String(label).trim().toLowerCase())) {
          throw new RangeError('The encoding label provided (\'' + label + '\') is not supported.');
        }
        defineProperty(this, 'fatal', { value: !!(options && options.fatal) });
        defineProperty(this, 'ignoreBOM', { value: !!(options && options.ignoreBOM) });
      }
      get encoding() {
        return 'utf-8';
      }
      decode(input) {
        return op('utf8Decode', input === undefined ? new U8(0) : input, this.fatal, this.ignoreBOM);
      }
    }
    return { TextEncoder, TextDecoder };
  });

  lazy(['fetch', 'Headers', 'Response'], () => {
    const H = Symbol('headers');
    class Headers {
      constructor(init) {
        this[H] = new Map();
        if (init == null) return;
        if (init instanceof Headers) {
          for (const [k, v] of init) this.append(k, v);
        } else if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            const [k, v] = pair;
            this.append(k, v);
          }
        } else {
          for (const k of Object.keys(init)) this.append(k, init[k]);
        }
      }
      append(name, value) {
        const k = String(name).toLowerCase();
        const v = String(value).trim();
        const cur = this[H].get(k);
        this[H].set(k, cur === undefined ? v : cur + ', ' + v);
      }
      set(name, value) {
        this[H].set(String(name).toLowerCase(), String(value).trim());
      }
      get(name) {
        const v = this[H].get(String(name).toLowerCase());
        return v === undefined ? null : v;
      }
      has(name) {
        return this[H].has(String(name).toLowerCase());
      }
      delete(name) {
        this[H].delete(String(name).toLowerCase());
      }
      forEach(cb, thisArg) {
        for (const [k, v] of this) cb.call(thisArg, v, k, this);
      }
      *entries() {
        const keys = [...this[H].keys()].sort();
        for (const k of keys) yield [k, this[H].get(k)];
      }
      *keys() {
        for (const [k] of this.entries()) yield k;
      }
      *values() {
        for (const [, v] of this.entries()) yield v;
      }
      [Symbol.iterator]() {
        return this.entries();
      }
    }

    const B = Symbol('body');
    const toBody = (body) => {
      if (body == null) return null;
      if (typeof body === 'string') return fromString(body);
      if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return op('bytes', body);
      return fromString(String(body));
    };
    class Response {
      constructor(body = null, init = {}) {
        this[B] = toBody(body);
        this.status = init.status === undefined ? 200 : init.status;
        this.statusText = init.statusText === undefined ? '' : String(init.statusText);
        this.headers = new Headers(init.headers);
        this.url = init.url || '';
        this.redirected = !!init.redirected;
        this.type = 'basic';
        this.bodyUsed = false;
      }
      get ok() {
        return this.status >= 200 && this.status < 300;
      }
      _consume() {
        if (this.bodyUsed) return Promise.reject(new TypeError('Body already consumed.'));
        this.bodyUsed = true;
        return Promise.resolve(this[B] || new U8(0));
      }
      arrayBuffer() {
        return this._consume().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
      }
      bytes() {
        return this._consume();
      }
      text() {
        return this._consume().then((b) => op('utf8Decode', b, false, false));
      }
      json() {
        return this.text().then((t) => JSON.parse(t));
      }
      clone() {
        if (this.bodyUsed) throw new TypeError('Body already consumed.');
        const r = new Response(null, this);
        r[B] = this[B];
        r.headers = new Headers(this.headers);
        return r;
      }
    }

    async function fetch(input, init = {}) {
      init = init || {};
      const url = typeof input === 'string' ? input : input && input.url !== undefined ? input.url : String(input);
      const method = String(init.method || (input && input.method) || 'GET').toUpperCase();
      const headers = [...new Headers(init.headers || (input && input.headers))];
      const body = toBody(init.body);
      const r = await op('fetch', String(url), method, headers, body);
      const res = new Response(null, { status: r.status, statusText: r.statusText, headers: r.headers, url: r.url, redirected: r.redirected });
      res[B] = r.body;
      return res;
    }
    return { fetch, Headers, Response };
  });

  lazy(['crypto'], () => {
    const crypto = {
      getRandomValues: (array) => op('randomFill', array),
      randomUUID: () => op('randomUUID'),
      subtle: {
        digest: (algorithm, data) =>
          new Promise((resolve) => resolve(op('digest', typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name, data))),
      },
    };
    return { crypto };
  });

  Object.defineProperties(g, {
    atob: value((s) => op('atob', s)),
    btoa: value((s) => op('btoa', s)),
    setTimeout: value((fn, ms, ...args) => op('setTimer', fn, ms, false, args)),
    setInterval: value((fn, ms, ...args) => op('setTimer', fn, ms, true, args)),
    clearTimeout: value((id) => op('clearTimer', id)),
    clearInterval: value((id) => op('clearTimer', id)),
    queueMicrotask: value((fn) => {
      Promise.resolve().then(fn);
    }),
  });

  // ethers (v5 API) is built on first use: most Actions never touch it.
  defineProperty(g, 'ethers', {
    configurable: true,
    enumerable: false,
    get() {
      const e = op('ethers');
      defineProperty(g, 'ethers', value(e));
      return e;
    },
    set(v) {
      defineProperty(g, 'ethers', value(v));
    },
  });
});
