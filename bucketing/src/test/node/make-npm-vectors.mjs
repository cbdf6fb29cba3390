// Writes npm-vectors.tsv: Murmur3 hashes of varied ids computed by the real npm packages.
//   cd bucketing/src/test/node && npm ci && npm run vectors
// Columns: id (printable ASCII kept, every other UTF-16 unit and '\' as \uXXXX), seed (uint32),
// murmurhash@2 v3 (UTF-8 via TextEncoder), murmurhash-js murmur3 (low byte of each UTF-16 unit),
// murmurhash3js x86.hash32 (low byte), murmurhash3js x64.hash128 h1 as hex (ASCII ids only, else '-').
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const murmurhash = require('murmurhash');
const murmurhashJs = require('murmurhash-js');
const murmurhash3js = require('murmurhash3js');

const NAMED_SEED = 20261124; // the population seed of this file; changing it changes every row
let state = NAMED_SEED >>> 0;
function random() { // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (items) => items[Math.floor(random() * items.length)];

const fixed = [
  '', 'a', 'ab', 'abc', 'abcd', 'abcde', 'hello', 'Hello, world!', 'user-123', '0', '123',
  '550e8400-e29b-41d4-a716-446655440000', 'user_000001', 'alice@example.com',
  'jos\u00e9', '\u65e5\u672c', '\ud83d\udcb0', 'surrogate pair \ud83d\udcb0', 'Zo\u00eb Salda\u00f1a',
  '\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0', 'e\u0301', '\u0000', '\u0000\u0000\u0000\u0000\u0000',
  '\ud800', '\udc00', 'a\ud800', '\ud800a', 'ab\udfffcd', '\udc00\ud800', '\ud83d\ud83d\udcb0',
  '\u0100', '\u00ff', '\uffff', '\ufffd', '\u007f\u0080', 'tab\there', ' leading', 'trailing ',
  'back\\slash', 'flag:user-123', 'new-checkout:user-42', 'gr1:123', 'groupX:999',
  'x'.repeat(1023), '\u00e9'.repeat(333), '\ud83d\ude00'.repeat(100),
];
const alphabets = [
  'abcdefghijklmnopqrstuvwxyz0123456789-_.@',
  '\u00e0\u00e9\u00ee\u00f5\u00fc\u00df\u00e7\u00f1',
  '\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u65e5\u672c\u8a9e\uac00\ud55c',
  '\u0301\u0308\u0327',
  '\u0000\u0001\u001f\u007f\u0080\u00ff\u0100\u07ff\u0800\uffff',
];
function randomId() {
  const length = Math.floor(random() * 40);
  let id = '';
  while (id.length < length) {
    const roll = random();
    if (roll < 0.08) id += String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff)); // astral pair
    else if (roll < 0.11) id += String.fromCharCode(0xd800 + Math.floor(random() * 0x800)); // lone surrogate
    else id += pick(pick(alphabets));
  }
  return id;
}
function uuid() {
  const hex = () => Math.floor(random() * 16).toString(16);
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, hex);
}
const ids = [...fixed];
for (let i = 0; i < 150; i++) ids.push(randomId());
for (let i = 0; i < 50; i++) ids.push(uuid());
for (let length = 0; length <= 40; length++) ids.push('k'.repeat(length)); // every tail and block boundary

const seeds = [0, 1, 42, 0x9747b28c, 0x7fffffff, 0x80000000, 0xffffffff];
const escape = (id) => Array.from({ length: id.length }, (_, i) => {
  const unit = id.charCodeAt(i);
  return unit >= 0x20 && unit < 0x7f && unit !== 0x5c
    ? id[i] : '\\u' + unit.toString(16).padStart(4, '0');
}).join('');
const isAscii = (id) => /^[\u0000-\u007f]*$/.test(id);

const lines = ['# id\tseed\tmurmurhash_v3_utf8\tmurmurhash_js_murmur3\tmurmurhash3js_x86_hash32\tmurmurhash3js_x64_hash128_h1'];
ids.forEach((id, index) => {
  const seed = index < fixed.length ? seeds[index % seeds.length] : pick(seeds.concat([Math.floor(random() * 4294967296)]));
  for (const s of index < fixed.length ? [0, seed] : [seed]) {
    const x64 = isAscii(id) && s <= 0x7fffffff ? murmurhash3js.x64.hash128(id, s).slice(0, 16) : '-';
    lines.push([escape(id), s >>> 0, murmurhash.v3(id, s), murmurhashJs.murmur3(id, s),
      murmurhash3js.x86.hash32(id, s), x64].join('\t'));
  }
});
process.stdout.write(lines.join('\n') + '\n');
