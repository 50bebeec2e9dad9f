// gen-vectors.mjs computes, with the Lit SDK's own @lit-protocol/access-control-conditions (the version
// @lit-protocol/lit-node-client 7.4.0 depends on, pinned in package.json and package-lock.json), the
// canonical JSON and the sha256 hash of a set of access-control conditions of every kind, and prints them
// as JSON. The Go tests read the committed output (vectors.json), so `go test` needs no npm.
//
// Regenerate (from this directory):
//
//	npm ci && node gen-vectors.mjs > vectors.json
//
// Each case's input is kept as JSON text so that number literals, duplicate keys and escapes reach the Go
// parser exactly as JSON.parse saw them.
import accs from '@lit-protocol/access-control-conditions';

const {
  hashAccessControlConditions,
  hashEVMContractConditions,
  hashSolRpcConditions,
  hashUnifiedAccessControlConditions,
  canonicalAccessControlConditionFormatter,
  canonicalEVMContractConditionFormatter,
  canonicalSolRpcConditionFormatter,
  canonicalUnifiedAccessControlConditionFormatter,
} = accs;

const kinds = {
  accessControlConditions: [hashAccessControlConditions, (c) => canonicalAccessControlConditionFormatter(c)],
  evmContractConditions: [hashEVMContractConditions, (c) => canonicalEVMContractConditionFormatter(c)],
  solRpcConditions: [hashSolRpcConditions, (c) => canonicalSolRpcConditionFormatter(c)],
  unifiedAccessControlConditions: [hashUnifiedAccessControlConditions, (c) => canonicalUnifiedAccessControlConditionFormatter(c)],
};

const alice = '0x50e2dac5e78B5905CB09495547452cEE64426db2';
const userAddr = (value, extra = {}) => ({
  ...extra,
  contractAddress: '',
  standardContractType: '',
  chain: 'ethereum',
  method: '',
  parameters: [':userAddress'],
  returnValueTest: { comparator: '=', value },
});
const balance = (cmp, value, chain = 'ethereum') => ({
  contractAddress: '',
  standardContractType: '',
  chain,
  method: 'eth_getBalance',
  parameters: [':userAddress', 'latest'],
  returnValueTest: { comparator: cmp, value },
});
const erc20 = {
  contractAddress: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
  standardContractType: 'ERC20',
  chain: 'ethereum',
  method: 'balanceOf',
  parameters: [':userAddress'],
  returnValueTest: { comparator: '>=', value: '1000000' },
};
const erc721Owner = {
  // keys in a non-canonical order, with an extra field the formatter drops
  returnValueTest: { value: ':userAddress', comparator: '=' },
  parameters: ['3112'],
  method: 'ownerOf',
  standardContractType: 'ERC721',
  contractAddress: '0x89b597199dAc806Ceecfc091e56044D34E59985c',
  chain: 'sepolia',
  note: 'dropped',
};
const erc721Balance = {
  contractAddress: '0x89b597199dAc806Ceecfc091e56044D34E59985c',
  standardContractType: 'ERC721',
  chain: 'base',
  method: 'balanceOf',
  parameters: [':userAddress'],
  returnValueTest: { comparator: '>', value: '0' },
};
const erc721Name = {
  contractAddress: '0x89b597199dAc806Ceecfc091e56044D34E59985c',
  standardContractType: 'ERC721MetadataName',
  chain: 'ethereum',
  method: 'name',
  parameters: [],
  returnValueTest: { comparator: 'contains', value: 'Punks' },
};
const erc1155 = {
  contractAddress: '0x3110c39b428221012934A7F617913b095BC1078C',
  standardContractType: 'ERC1155',
  chain: 'polygon',
  method: 'balanceOf',
  parameters: [':userAddress', '0x01'],
  returnValueTest: { comparator: '>', value: '0' },
};
const erc1155Batch = {
  contractAddress: '0x3110c39b428221012934A7F617913b095BC1078C',
  standardContractType: 'ERC1155',
  chain: 'polygon',
  method: 'balanceOfBatch',
  parameters: [':userAddress,:userAddress', '1,2'],
  returnValueTest: { comparator: '>=', value: '115792089237316195423570985008687907853269984665640564039457584007913129639935' },
};
const timestamp = {
  contractAddress: '',
  standardContractType: 'timestamp',
  chain: 'ethereum',
  method: 'eth_getBlockByNumber',
  parameters: ['latest'],
  returnValueTest: { comparator: '>=', value: '1651276942' },
};
const litAction = {
  contractAddress: 'ipfs://QmcgbVu2sJSPpTeFhBd174FnmYmoVYvUFJeDkS7eYtwoFY',
  standardContractType: 'LitAction',
  chain: 'ethereum',
  method: 'go',
  parameters: ['100', ':litParam:secret', ':currentActionIpfsId'],
  returnValueTest: { comparator: '!=', value: 'false' },
};
const currentAction = {
  contractAddress: '',
  standardContractType: '',
  chain: 'ethereum',
  method: '',
  parameters: [':currentActionIpfsId'],
  returnValueTest: { comparator: '=', value: 'QmcgbVu2sJSPpTeFhBd174FnmYmoVYvUFJeDkS7eYtwoFY' },
};
const evmContract = {
  contractAddress: '0xb71a679cfff330591d556c4b9f21c7739ca9590c',
  functionName: 'members',
  functionParams: [':userAddress'],
  functionAbi: {
    constant: true,
    inputs: [{ name: '', type: 'address', internalType: 'address' }],
    name: 'members',
    outputs: [
      { name: 'delegateKey', type: 'address' },
      { name: 'shares', type: 'uint256' },
      { name: 'loot', type: 'uint256' },
      { name: 'exists', type: 'bool' },
      { name: 'highestIndexYesVote', type: 'uint256' },
      { name: 'jailed', type: 'uint256' },
    ],
    payable: false,
    stateMutability: 'view',
    type: 'function',
  },
  chain: 'xdai',
  returnValueTest: { key: 'shares', comparator: '>=', value: '1' },
};
const evmContractNoConstant = {
  contractAddress: '0x7C7757a9675f06F3BE4618bB68732c4aB25D2e88',
  functionName: 'balanceOf',
  functionParams: [':userAddress', '8'],
  functionAbi: {
    type: 'function',
    stateMutability: 'view',
    outputs: [{ type: 'uint256', name: '', internalType: 'uint256' }],
    name: 'balanceOf',
    inputs: [
      { type: 'address', name: 'account', internalType: 'address' },
      { type: 'uint256', name: 'id', internalType: 'uint256' },
    ],
  },
  chain: 'mumbai',
  returnValueTest: { key: '', comparator: '>', value: '0' },
};
const solV1 = {
  method: 'getBalance',
  params: [':userAddress'],
  chain: 'solana',
  returnValueTest: { key: '', comparator: '>=', value: '100000000' },
};
const solV2 = {
  method: 'getTokenAccountBalance',
  params: ['tn2WEWk4Kqj157XsSdmBBcjWumVhkyJECXCKPq9ReL9'],
  pdaParams: [],
  pdaInterface: { offset: 0, fields: {} },
  pdaKey: '',
  chain: 'solanaDevnet',
  returnValueTest: { key: '$.amount', comparator: '>', value: '0' },
};
const solV2Odd = {
  conditionType: 'solRpc',
  returnValueTest: { value: 'x', comparator: 'contains', key: '' },
  chain: 'solana',
  pdaKey: 'k',
  pdaInterface: { fields: { z: 1, 10: 'ten', 2: 'two', a: [1.5, -0, 1e21, 1e-7, 123e-9, 0.000001, 123456789012345680000], b: null, z2: true }, offset: 1e3 },
  pdaParams: ['seed'],
  params: [],
  method: 'getAccountInfo',
};
const cosmos = {
  conditionType: 'cosmos',
  path: '/cosmos/bank/v1beta1/balances/:userAddress',
  chain: 'cosmos',
  returnValueTest: { key: '$.balances[0].amount', comparator: '>=', value: '1000000' },
};
const cosmosWithMethod = {
  conditionType: 'cosmos',
  path: ':userAddress',
  chain: 'juno',
  method: 'custom',
  parameters: ['a'],
  returnValueTest: { key: '', comparator: '=', value: 'juno1x' },
};
const or = { operator: 'or' };
const and = { operator: 'and' };
const u = (type, c) => ({ conditionType: type, ...c });

const cases = [
  ['userAddress', 'accessControlConditions', [userAddr(alice)]],
  ['userAddress lowercase with extra fields', 'accessControlConditions', [userAddr(alice.toLowerCase(), { conditionType: 'evmBasic', extra: 1 })]],
  ['eth_getBalance', 'accessControlConditions', [balance('>=', '1000000000000')]],
  ['erc20', 'accessControlConditions', [erc20]],
  ['erc721 ownerOf reordered', 'accessControlConditions', [erc721Owner]],
  ['erc721 balanceOf', 'accessControlConditions', [erc721Balance]],
  ['erc721 metadata name', 'accessControlConditions', [erc721Name]],
  ['erc1155 balanceOf', 'accessControlConditions', [erc1155]],
  ['erc1155 balanceOfBatch', 'accessControlConditions', [erc1155Batch]],
  ['timestamp', 'accessControlConditions', [timestamp]],
  ['lit action', 'accessControlConditions', [litAction]],
  ['current action', 'accessControlConditions', [currentAction]],
  ['and or', 'accessControlConditions', [userAddr(alice), or, erc20, and, timestamp]],
  ['legacy implicit and', 'accessControlConditions', [erc20, timestamp]],
  ['nested groups', 'accessControlConditions', [[userAddr(alice), or, [erc721Owner, and, erc721Balance]], and, [timestamp], or, erc1155]],
  ['operator with extra key', 'accessControlConditions', [erc20, { operator: 'and', x: 1 }, timestamp]],
  ['every comparator', 'accessControlConditions', ['=', '!=', '>', '>=', '<', '<=', 'contains', '!contains'].flatMap((c, i) => (i ? [or, balance(c, String(i))] : [balance(c, '0')]))],
  ['unicode and escapes', 'accessControlConditions', [{ ...litAction, parameters: ['é ü 中文 😀', '<tag>&amp;', '\u2028\u2029', 'q"uote\\back/slash', '\u0000\u0001\b\f\n\r\t\u001f\u007f'], returnValueTest: { comparator: 'contains', value: '\ud83d\ude00' } }]],
  ['thirty conditions', 'accessControlConditions', Array.from({ length: 30 }, (_, i) => [i ? or : null, userAddr('0x' + String(i).padStart(40, '0'))]).flat().filter(Boolean)],
  ['evm contract', 'evmContractConditions', [evmContract]],
  ['evm contract without constant', 'evmContractConditions', [evmContractNoConstant]],
  ['evm contract group', 'evmContractConditions', [evmContract, or, [evmContractNoConstant, and, evmContract]]],
  ['sol v1', 'solRpcConditions', [solV1]],
  ['sol v2', 'solRpcConditions', [solV2, and, solV1]],
  ['sol v2 odd values', 'solRpcConditions', [solV2Odd]],
  ['unified evm basic', 'unifiedAccessControlConditions', [u('evmBasic', userAddr(alice))]],
  ['unified mix', 'unifiedAccessControlConditions', [u('evmBasic', erc721Owner), or, u('evmContract', evmContract), or, u('solRpc', solV2), and, [cosmos, or, cosmosWithMethod]]],
  ['unified every evm basic type', 'unifiedAccessControlConditions',
    [balance('>', '0'), erc20, erc721Owner, erc721Balance, erc721Name, erc1155, erc1155Batch, timestamp, litAction, currentAction]
      .flatMap((c, i) => (i ? [and, u('evmBasic', c)] : [u('evmBasic', c)]))],
  ['unified sol odd', 'unifiedAccessControlConditions', [solV2Odd]],
];

const errorCases = [
  ['missing returnValueTest', 'accessControlConditions', '[{"contractAddress":"","chain":"ethereum","standardContractType":"","method":"","parameters":[":userAddress"]}]'],
  ['unified unknown conditionType', 'unifiedAccessControlConditions', '[{"conditionType":"bitcoin","chain":"ethereum","returnValueTest":{"comparator":"=","value":"x"}}]'],
  ['unified sol without pdaKey', 'unifiedAccessControlConditions', '[{"conditionType":"solRpc","method":"getBalance","params":[],"chain":"solana","pdaInterface":{"offset":0,"fields":{}},"returnValueTest":{"key":"","comparator":"=","value":"1"}}]'],
  ['sol v2 without pdaInterface', 'solRpcConditions', '[{"method":"getBalance","params":[],"pdaParams":[],"pdaKey":"","chain":"solana","returnValueTest":{"key":"","comparator":"=","value":"1"}}]'],
  ['unified empty', 'unifiedAccessControlConditions', '[]'],
];

const hex = (buf) => Buffer.from(buf).toString('hex');
const out = { generator: 'gen-vectors.mjs', package: '@lit-protocol/access-control-conditions@7.4.0', cases: [], errors: [] };
for (const [name, kind, conds] of cases) {
  const input = JSON.stringify(conds);
  const parsed = JSON.parse(input);
  const [hash, format] = kinds[kind];
  const canonical = JSON.stringify(parsed.map(format));
  const h = hex(await hash(parsed));
  const { createHash } = await import('node:crypto');
  if (createHash('sha256').update(canonical, 'utf8').digest('hex') !== h) throw new Error(`${name}: hash is not sha256 of canonical`);
  out.cases.push({ name, kind, input, canonical, hash: h });
}
// A few inputs written by hand, to keep number literals and duplicate keys as text.
const raw = [
  ['sol literal numbers and duplicate keys', 'solRpcConditions',
    '[{"method":"m","params":["a"],"pdaParams":["p"],"pdaInterface":{"offset":1.0e2,"fields":{"b":1,"a":2,"b":3,"4294967294":0,"4294967295":1,"01":2,"1":3,"-1":4}},"pdaKey":"k","chain":"solana","returnValueTest":{"key":"","comparator":"=","value":"1E-7"}}]'],
  ['whitespace and escapes', 'accessControlConditions',
    ' [ {"contractAddress" : "" , "chain":"ethereum","standardContractType":"","method":"","parameters":["\\u0041\\/\\ud83d\\ude00"],"returnValueTest":{"comparator":"=","value":"\\u00e9"}} ] '],
];
for (const [name, kind, input] of raw) {
  const parsed = JSON.parse(input);
  const [hash, format] = kinds[kind];
  out.cases.push({ name, kind, input, canonical: JSON.stringify(parsed.map(format)), hash: hex(await hash(parsed)) });
}
for (const [name, kind, input] of errorCases) {
  const [hash] = kinds[kind];
  let err = null;
  try {
    await hash(JSON.parse(input));
  } catch (e) {
    err = String(e.message || e).split('\n')[0];
  }
  if (err === null) throw new Error(`${name}: the SDK accepted it`);
  out.errors.push({ name, kind, input, sdkError: err });
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
