// Writes profile-ids.tsv (the ids every agreement test uses) and profile-vectors.tsv (what the official
// npm packages decide for them), into the directory given as the first argument (npm run vectors:
// bucketing/src/test/resources, where bucketing's tests and, through its test-jar, properties' read them):
//   cd properties/src/test/node && npm ci && npm run vectors
// GrowthBook: a real GrowthBook instance with feature rules (force rules with coverage for rollouts,
// experiment rules for variants), hash versions 1 and 2. flagd: FlagdCore with fractional targeting.
// Ids are escaped: printable ASCII kept, every other UTF-16 unit and '\' as \uXXXX.
import { writeFileSync } from 'node:fs';
import { GrowthBook } from '@growthbook/growthbook';
import { FlagdCore } from '@openfeature/flagd-core';

const out = process.argv[2] || '.';
const NAMED_SEED = 20261125; // the id population's seed; changing it changes every row
let state = NAMED_SEED >>> 0;
function random() { // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const below = (n) => Math.floor(random() * n);
const pick = (items) => items[below(items.length)];
const word = (alphabet, min, max) => {
  let text = '';
  const length = min + below(max - min + 1);
  while (text.length < length) text += pick(alphabet);
  return text;
};
const ascii = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@'];
const latin1 = [...'\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u00e7\u00e8\u00e9\u00ea\u00eb\u00ed\u00ef\u00f1\u00f3\u00f6\u00f8\u00fa\u00fc\u00df\u00c9\u00d6\u00c5'];
const cjk = [...'\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u65e5\u672c\u8a9e\u4e2d\u6587\uac00\ud55c\uae00\u3042\u30a2'];
const emoji = ['\ud83d\ude00', '\ud83d\udcb0', '\ud83c\udf89', '\ud83d\udc4d', '\ud83e\udd84', '\u2764\ufe0f'];
const hex = () => below(16).toString(16);
const uuid = () => 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, hex);

const ids = ['user-123', 'jos\u00e9', 'Jos\u00e9 Garc\u00eda', '\ud83d\ude00', 'Zo\u00eb', 'M\u00fcller', '\u65e5\u672c', 'a', 'ab', 'abc', 'abcd',
  '\u00e9', '\u00e9\u00e9', '\u00e9\u00e9\u00e9', 'x\u00e9', 'xx\u00e9', 'xxx\u00e9', 'alice@example.com', '550e8400-e29b-41d4-a716-446655440000'];
for (let i = 0; i < 300; i++) ids.push(word(ascii, 1, 24));
for (let i = 0; i < 200; i++) ids.push(uuid());
for (let i = 0; i < 150; i++) ids.push(word(ascii.slice(0, 36), 3, 12) + '.' + word(ascii.slice(0, 26), 2, 8) + '@' + pick(['example.com', 'mail.de', 'corp.co.uk']));
for (let i = 0; i < 150; i++) ids.push(word(ascii.slice(0, 26), 0, 4) + word(latin1, 1, 3) + word(ascii.slice(0, 26), 0, 6));
for (let i = 0; i < 100; i++) ids.push(word(cjk, 1, 6) + (random() < 0.3 ? word(ascii, 1, 4) : ''));
for (let i = 0; i < 100; i++) ids.push(word(ascii, 0, 5) + word(emoji, 1, 3) + word(ascii, 0, 5));
for (let i = 0; i < 60; i++) { // unpaired surrogates: lone high, lone low, reversed pair
  const lone = pick([String.fromCharCode(0xd800 + below(0x400)), String.fromCharCode(0xdc00 + below(0x400)), '\udc00\ud800']);
  ids.push(word(ascii, 0, 5) + lone + (random() < 0.5 ? word(ascii, 1, 5) : ''));
}
const unique = [...new Set(ids)].filter((id) => id.length > 0);

const escape = (id) => Array.from({ length: id.length }, (_, i) => {
  const unit = id.charCodeAt(i);
  return unit >= 0x20 && unit < 0x7f && unit !== 0x5c ? id[i] : '\\u' + unit.toString(16).padStart(4, '0');
}).join('');

const FLAGS = ['profile_ui_revamp', 'new-checkout', 'search.ranking.v2'];
const BASIS_POINTS = [100, 1250, 3000, 5000, 9900];
const WEIGHT_SETS = [[1, 1], [1, 1, 1], [10, 30, 60], [5000, 0, 5000]];
// One column per (system, flag, setting); one row per id. Rollout cells are 1 (enabled) or 0; variant
// cells name the variant, or '(none)' when the package gives none.
const columns = [];
const cells = new Map(unique.map((id) => [id, []]));

// GrowthBook: a real GrowthBook instance per id, every feature at once.
for (const version of [1, 2]) {
  const features = {};
  const names = [];
  for (const flag of FLAGS) {
    for (const bp of BASIS_POINTS) {
      features[`${flag}|r${bp}`] = { defaultValue: false, rules: [{ force: true, coverage: bp / 10000, hashVersion: version, seed: flag }] };
      names.push([`${flag}|r${bp}`, `growthbook-v${version}\t${flag}\trollout\t${bp}`]);
    }
    WEIGHT_SETS.forEach((weights, index) => {
      const total = weights.reduce((a, b) => a + b, 0);
      for (const coverage of [1, 0.5]) {
        features[`${flag}|v${index}|c${coverage}`] = {
          defaultValue: '(none)',
          rules: [{ variations: weights.map((_, i) => `v${i}`), weights: weights.map((w) => w / total), coverage, hashVersion: version, seed: flag, key: flag }],
        };
        names.push([`${flag}|v${index}|c${coverage}`, `growthbook-v${version}\t${flag}\tvariant\t${weights.join('/')}@${coverage}`]);
      }
    });
  }
  names.forEach(([, column]) => columns.push(column));
  for (const id of unique) {
    const gb = new GrowthBook({ attributes: { id }, features });
    for (const [key] of names) {
      const value = gb.getFeatureValue(key, null);
      cells.get(id).push(value === true ? '1' : value === false ? '0' : String(value));
    }
    gb.destroy();
  }
}

// flagd-core: fractional over flagKey + targetingKey, integer weights. The flag key that the operator
// hashes is the key of the flag it evaluates, here 'flag|setting'.
const flags = {};
const flagdNames = [];
for (const flag of FLAGS) {
  for (const bp of BASIS_POINTS) {
    flags[`${flag}|r${bp}`] = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off',
      targeting: { fractional: [['on', bp], ['off', 10000 - bp]] } };
    flagdNames.push([`${flag}|r${bp}`, true]);
    columns.push(`flagd-core\t${flag}|r${bp}\trollout\t${bp}`);
  }
  WEIGHT_SETS.forEach((weights, index) => {
    const variants = Object.fromEntries(weights.map((_, i) => [`v${i}`, `v${i}`]));
    variants['(none)'] = '(none)';
    flags[`${flag}|v${index}`] = { state: 'ENABLED', variants, defaultVariant: '(none)',
      targeting: { fractional: weights.map((w, i) => [`v${i}`, w]) } };
    flagdNames.push([`${flag}|v${index}`, false]);
    columns.push(`flagd-core\t${flag}|v${index}\tvariant\t${weights.join('/')}`);
  });
}
const core = new FlagdCore();
core.setConfigurations(JSON.stringify({ flags }));
for (const id of unique) {
  for (const [key, rollout] of flagdNames) {
    cells.get(id).push(rollout
      ? (core.resolveBooleanEvaluation(key, false, { targetingKey: id }).value ? '1' : '0')
      : String(core.resolveStringEvaluation(key, '(none)', { targetingKey: id }).value));
  }
}

const header = ['# columns: system, flag, kind, setting (basis points, or weights@coverage)',
  ...columns.map((column, index) => `# ${index}\t${column}`)];
const rows = [...header, ...unique.map((id) => [escape(id), ...cells.get(id)].join('\t'))];
writeFileSync(`${out}/profile-ids.tsv`, '# escaped id, one per line; made by src/test/node/make-profile-vectors.mjs\n'
  + unique.map(escape).join('\n') + '\n');
writeFileSync(`${out}/profile-vectors.tsv`, rows.join('\n') + '\n');
process.stderr.write(`${unique.length} ids x ${columns.length} columns\n`);
