// Converts a Hunspell dictionary (.aff + .dic, UTF-8) into Chromium's binary
// ".bdic" format, the format Chromium (and therefore Electron) loads for its
// Hunspell spell checker on Windows and Linux.
//
// Written from a reading of Chromium's format description and converter:
//   third_party/hunspell/google/bdict.h         (format)
//   third_party/hunspell/google/bdict_writer.cc (serializer)
//   third_party/hunspell/google/bdict_reader.cc (what Chromium accepts)
//   chrome/tools/convert_dict/{aff_reader,dic_reader,hunspell_reader}.cc
// The goal is byte-for-byte the same output as Chromium's `convert_dict`.
//
// File layout (all integers little endian):
//   Header, 32 bytes: "BDic", major 2 (u16), minor 0 (u16), aff offset (u32),
//     dic offset (u32), MD5 of everything from the aff offset to the end.
//   Aff section: four u32 absolute offsets (affix groups, affix rules,
//     replacements, other commands), then "\n<leading comments>\n", then the
//     four NUL-separated string lists, each ending with an extra NUL.
//   Dic section: the word list as a serialized trie (see serializeNode).

import { createHash } from 'node:crypto';

const HEADER_SIZE = 32; // bdict.h says 28, but sizeof(BDict::Header) is 32.
const AFF_HEADER_SIZE = 16;

// Leaf nodes keep the first affix group id in 13 bits; 0x1fff means "the
// first id lives in the following list instead".
const LEAF_MAX_FIRST_AFFIX = 0x1ffe;
const LEAF_FIRST_AFFIX_UNUSED = 0x1fff;
const LEAF_ADDITIONAL = 0x40; // A NUL-terminated tail string follows.
const LEAF_FOLLOWING = 0x20; // A 0xffff-terminated list of u16 ids follows.
const MAX_AFFIXES_PER_WORD = 32;
const LOOKUP = 0xc0; // | 0x01 "has 0th entry" | 0x02 "32-bit offsets"
const LIST8 = 0xe0; // | child count (< 16)
const LIST16 = 0xf0; // | child count (< 16)

// ---------------------------------------------------------------------------
// Hunspell text parsing, mirroring convert_dict's readers.

/** Trims ASCII whitespace (and a leading UTF-8 BOM) like convert_dict does. */
function trimLine(line) {
  if (line.length > 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  return line.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
}

/** Drops everything from the first '#'. */
function stripComment(line) {
  const hash = line.indexOf('#');
  return hash === -1 ? line : trimLine(line.slice(0, hash));
}

function readLines(text) {
  return text.split('\n').map(trimLine);
}

/**
 * Reads a .aff file. Returns the pieces the bdic needs. Flag strings are
 * replaced by 1-based "AF" alias numbers shared with the .dic words.
 */
export function parseAff(text) {
  const aff = {
    comment: '',
    encoding: 'ISO8859-1',
    hasIndexedAffixes: false,
    affixGroups: new Map(), // flag string -> 1-based alias id
    affixRules: [],
    replacements: [],
    otherCommands: [],
  };
  let gotCommand = false;
  let gotFirstAf = false;
  let gotFirstRep = false;

  for (let line of readLines(text)) {
    // Comment lines before the first command are kept as the file's comment.
    if (!gotCommand && line.startsWith('#')) {
      aff.comment += line + '\n';
      continue;
    }
    line = stripComment(line);
    if (line === '') continue;
    gotCommand = true;

    if (line.startsWith('SET ')) {
      aff.encoding = trimLine(line.slice(4));
      if (aff.encoding.toUpperCase() !== 'UTF-8') {
        throw new Error(`Only UTF-8 dictionaries are supported, got "SET ${aff.encoding}"`);
      }
    } else if (line.startsWith('AF ')) {
      aff.hasIndexedAffixes = true;
      if (gotFirstAf) addAffixGroup(aff, line.slice(3));
      else gotFirstAf = true; // "AF <count>"
    } else if (line.startsWith('SFX ') || line.startsWith('PFX ')) {
      aff.affixRules.push(normalizeAffixRule(aff, line));
    } else if (line.startsWith('REP ')) {
      if (gotFirstRep) aff.replacements.push(parseReplacement(line.slice(4)));
      else gotFirstRep = true; // "REP <count>"
    } else if (line.startsWith('IGNORE ') || line.startsWith('COMPLEXPREFIXES ')) {
      throw new Error(`Chromium's bdic format does not support: ${line}`);
    } else {
      aff.otherCommands.push(line);
    }
  }
  return aff;
}

function addAffixGroup(aff, flags) {
  const key = trimLine(flags);
  const existing = aff.affixGroups.get(key);
  if (existing !== undefined) return existing;
  const id = aff.affixGroups.size + 1;
  aff.affixGroups.set(key, id);
  return id;
}

function collapseSpaces(line) {
  return line.replace(/ {2,}/g, ' ');
}

/**
 * Normalizes "PFX A 0 re ." style lines. The part from the strip field on is
 * rewritten: old morphological "- M" suffixes become "/M" continuation flags,
 * and continuation flags become alias numbers (unless the .aff uses AF itself).
 */
function normalizeAffixRule(aff, line) {
  const rule = collapseSpaces(trimLine(line));
  const fields = rule.split(' ');
  if (fields.length < 4) return rule; // Nothing after the third space.

  const third = fields[2];
  // Header lines ("PFX A Y 1") keep their third field; rule lines are
  // rewritten from their third (strip) field on.
  const keepThird = third.startsWith('Y') || third.startsWith('N');
  const head = fields.slice(0, keepThird ? 3 : 2).join(' ') + (keepThird ? '' : ' ');
  let part = (keepThird ? ' ' : '') + fields.slice(keepThird ? 3 : 2).join(' ');

  if (part.includes('-')) {
    const t = part.split(' ').map(trimLine);
    if (t.length >= 5) part = `${t[0]} ${t[1]}/${t[4]} ${t[2]}`;
  }

  const slash = part.indexOf('/');
  if (slash !== -1 && !aff.hasIndexedAffixes) {
    const afterSlash = part
      .slice(slash + 1)
      .split(' ')
      .map(trimLine);
    if (afterSlash.length === 1) afterSlash.push('.');
    part = `${part.slice(0, slash + 1)}${addAffixGroup(aff, afterSlash[0])} ${afterSlash[1]}`;
  }
  return head + part;
}

function parseReplacement(text) {
  const rule = collapseSpaces(trimLine(text));
  const space = rule.indexOf(' ');
  if (space === -1) throw new Error(`REP without a space: "${rule}"`);
  // Underscores stand for spaces in .aff files.
  return [rule.slice(0, space).replaceAll('_', ' '), rule.slice(space + 1).replaceAll('_', ' ')];
}

/**
 * Reads a .dic file (and optionally a .dic_delta with extra words, no count
 * line). Returns [{ word: Buffer (UTF-8), affixes: number[] (descending) }],
 * sorted bytewise, with duplicate words merged.
 */
export function parseDic(text, aff, deltaText = '') {
  const words = new Map(); // word -> Set of alias ids (0 = no flags)
  const read = (source, hasCountLine) => {
    for (let line of readLines(source)) {
      line = stripComment(line);
      if (line === '') continue;
      if (hasCountLine) {
        hasCountLine = false;
        continue;
      }
      // The word ends at the first '/' that is not escaped and not first.
      let slash = line.length;
      for (let i = 1; i < line.length; i++) {
        if (line[i] === '/' && line[i - 1] !== '\\') {
          slash = i;
          break;
        }
      }
      let word = line.slice(0, slash).replaceAll('\\/', '/');
      let affix = 0;
      if (slash < line.length - 1) {
        const flags = line.slice(slash + 1).split('\t')[0]; // drop morphology
        affix = aff.hasIndexedAffixes ? Number.parseInt(flags, 10) || 0 : addAffixGroup(aff, flags);
      }
      word = word.split('\t')[0];
      if (!words.has(word)) words.set(word, new Set());
      words.get(word).add(affix);
    }
  };
  read(text, true);
  if (deltaText) read(deltaText, false);

  return [...words]
    .map(([word, affixes]) => ({
      word: Buffer.from(word, 'utf8'),
      affixes: [...affixes].sort((a, b) => b - a),
    }))
    .sort((a, b) => Buffer.compare(a.word, b.word));
}

// ---------------------------------------------------------------------------
// Word trie.

/**
 * Builds the trie node for words[begin, end), which share their first
 * depth - 1 bytes. Returns [node, index of the next unconsumed word].
 * A node's `ch` is the byte it adds (0 for the root and for "word ends here").
 */
function buildTrie(words, begin, end, depth) {
  const first = words[begin].word;
  if (first.length < depth) {
    // The word ended at the parent: a terminating leaf with byte 0.
    return [{ ch: 0, children: [], tail: null, affixes: words[begin].affixes }, begin + 1];
  }

  let ch = 0;
  let count = end - begin;
  if (depth > 0) {
    ch = first[depth - 1];
    count = 0;
    while (begin + count < end && words[begin + count].word.length >= depth && words[begin + count].word[depth - 1] === ch) {
      count++;
    }
  }

  if (count === 1) {
    // Only one word below here: store its remaining bytes in the leaf.
    return [{ ch, children: [], tail: first.subarray(depth), affixes: words[begin].affixes }, begin + 1];
  }

  const node = { ch, children: [], tail: null, affixes: [] };
  let i = begin;
  while (i < begin + count) {
    const [child, next] = buildTrie(words, i, begin + count, depth + 1);
    node.children.push(child);
    i = next;
  }
  return [node, begin + count];
}

/** For lookup tables: whether a "0" child exists, first byte, table length. */
function lookupShape(children) {
  const hasZeroth = children[0].ch === 0;
  const rest = hasZeroth ? children.slice(1) : children;
  if (rest.length === 0) return { hasZeroth, firstCh: 0, count: 0 };
  const firstCh = rest[0].ch;
  return { hasZeroth, firstCh, count: rest[rest.length - 1].ch - firstCh + 1 };
}

/**
 * Chooses each node's encoding bottom-up and returns its estimated size.
 * The estimates (including the lookup header counted as 2 bytes though 3 are
 * written) match Chromium's, so the same encodings are chosen.
 */
function planStorage(node) {
  if (node.children.length === 0) {
    const [firstAffix] = node.affixes;
    let extra = 0;
    if (firstAffix > LEAF_MAX_FIRST_AFFIX) extra = node.affixes.length * 2 + 2;
    else if (node.affixes.length > 1) extra = node.affixes.length * 2;
    const hasTail = node.tail !== null && node.tail.length > 0;
    node.storage = hasTail ? 'leafmore' : 'leaf';
    return hasTail ? 3 + node.tail.length + extra : 2 + extra;
  }

  let childSize = 0;
  for (const child of node.children) childSize += planStorage(child);
  const n = node.children.length;
  if (n < 16 && childSize <= 0xff) {
    node.storage = 'list8';
    return 1 + n * 2 + childSize;
  }
  if (n < 16 && childSize <= 0xffff) {
    node.storage = 'list16';
    return 1 + n * 3 + childSize;
  }
  const { hasZeroth, count } = lookupShape(node.children);
  const size16 = 2 + (hasZeroth ? 2 : 0) + count * 2 + childSize;
  if (size16 < 0xffff) {
    node.storage = 'lookup16';
    return size16;
  }
  node.storage = 'lookup32';
  return 2 + (hasZeroth ? 4 : 0) + count * 4 + childSize;
}

/** A growable little-endian byte buffer (like the std::string Chromium uses). */
class Output {
  constructor() {
    this.buf = Buffer.alloc(1 << 16);
    this.length = 0;
  }
  reserve(n) {
    if (this.length + n > this.buf.length) {
      const bigger = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    const at = this.length;
    this.buf.fill(0, at, at + n);
    this.length += n;
    return at;
  }
  byte(b) {
    const at = this.reserve(1); // may replace this.buf, so reserve first
    this.buf[at] = b;
  }
  bytes(data) {
    const at = this.reserve(data.length);
    data.copy(this.buf, at);
  }
  u16At(at, v) {
    if (v > 0xffff) throw new Error(`offset ${v} does not fit 16 bits`);
    this.buf.writeUInt16LE(v, at);
  }
  u32At(at, v) {
    this.buf.writeUInt32LE(v, at);
  }
  /** NUL-terminated strings, then an extra NUL. Empty strings become " ". */
  stringList(strings) {
    for (const s of strings) {
      this.bytes(Buffer.from(s === '' ? ' ' : s, 'utf8'));
      this.byte(0);
    }
    this.byte(0);
  }
  result() {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}

function serializeNode(node, out) {
  switch (node.storage) {
    case 'leaf':
    case 'leafmore':
      return serializeLeaf(node, out);
    case 'list8':
    case 'list16':
      return serializeList(node, out);
    default:
      return serializeLookup(node, out);
  }
}

// Leaf: 0abxxxxx xxxxxxxx, x = first affix id (13 bits), a = tail string
// follows, b = list of further u16 affix ids follows (0xffff-terminated).
function serializeLeaf(node, out) {
  let first = node.affixes.length > 0 ? node.affixes[0] : 0;
  let listStart = 1; // index of the first affix id written to the list
  if (first > LEAF_MAX_FIRST_AFFIX) {
    first = LEAF_FIRST_AFFIX_UNUSED;
    listStart = 0;
  }
  let id = (first >> 8) & 0x1f;
  if (node.storage === 'leafmore') id |= LEAF_ADDITIONAL;
  const hasList = node.affixes.length > listStart;
  if (hasList) id |= LEAF_FOLLOWING;
  out.byte(id);
  out.byte(first & 0xff);
  if (node.storage === 'leafmore') {
    out.bytes(node.tail);
    out.byte(0);
  }
  if (hasList) {
    const ids = node.affixes.slice(listStart, MAX_AFFIXES_PER_WORD);
    for (const affix of ids) {
      out.byte(affix & 0xff);
      out.byte((affix >> 8) & 0xff);
    }
    out.byte(0xff);
    out.byte(0xff);
  }
}

// List: 111sxxxx (s = 16-bit offsets, x = count), then per child the byte and
// its offset from the end of the table, then the children.
function serializeList(node, out) {
  const wide = node.storage === 'list16';
  const entry = wide ? 3 : 2;
  out.byte((wide ? LIST16 : LIST8) | node.children.length);
  const table = out.reserve(node.children.length * entry);
  const childrenStart = out.length;
  node.children.forEach((child, i) => {
    const at = table + i * entry;
    const offset = out.length - childrenStart;
    out.buf[at] = child.ch;
    if (wide) out.u16At(at + 1, offset);
    else if (offset > 0xff) throw new Error('list8 offset overflow');
    else out.buf[at + 1] = offset;
    serializeNode(child, out);
  });
}

// Lookup: 110000ba (a = 32-bit absolute offsets, else 16-bit relative to this
// node; b = a separate entry for the byte 0), first byte, table length, then
// the optional 0th entry, the table (0 = empty slot) and the children.
function serializeLookup(node, out) {
  const wide = node.storage === 'lookup32';
  const { hasZeroth, firstCh, count } = lookupShape(node.children);
  const nodeStart = out.length;
  out.byte(LOOKUP | (wide ? 0x02 : 0) | (hasZeroth ? 0x01 : 0));
  out.byte(firstCh);
  out.byte(count);
  const entry = wide ? 4 : 2;
  const zeroth = hasZeroth ? out.reserve(entry) : -1;
  const table = out.reserve(count * entry);
  node.children.forEach((child, i) => {
    const at = i === 0 && hasZeroth ? zeroth : table + (child.ch - firstCh) * entry;
    if (wide) out.u32At(at, out.length);
    else out.u16At(at, out.length - nodeStart);
    serializeNode(child, out);
  });
}

// ---------------------------------------------------------------------------
// Whole file.

function serializeAff(aff, out) {
  const header = out.reserve(AFF_HEADER_SIZE);
  out.bytes(Buffer.from('\n' + aff.comment + '\n', 'utf8'));

  const groups = [];
  for (const [flags, id] of aff.affixGroups) groups[id - 1] = `AF ${flags}`;
  const groupOffset = out.length;
  out.bytes(Buffer.from(`AF ${aff.affixGroups.size}`, 'utf8'));
  out.byte(0);
  out.stringList(groups);

  const ruleOffset = out.length;
  out.stringList(aff.affixRules);

  const repOffset = out.length;
  for (const [from, to] of aff.replacements) {
    out.bytes(Buffer.from(from, 'utf8'));
    out.byte(0);
    out.bytes(Buffer.from(to, 'utf8'));
    out.byte(0);
  }
  out.byte(0);

  const otherOffset = out.length;
  out.stringList(aff.otherCommands);

  out.u32At(header, groupOffset);
  out.u32At(header + 4, ruleOffset);
  out.u32At(header + 8, repOffset);
  out.u32At(header + 12, otherOffset);
}

/**
 * Converts Hunspell .aff and .dic text (and an optional .dic_delta) to the
 * bytes of a Chromium .bdic file.
 */
export function writeBdic(affText, dicText, dicDeltaText = '') {
  const aff = parseAff(affText);
  const words = parseDic(dicText, aff, dicDeltaText);
  if (words.length < 2) throw new Error('need at least two words');

  const [root] = buildTrie(words, 0, words.length, 0);
  planStorage(root);

  const out = new Output();
  out.reserve(HEADER_SIZE);
  const affOffset = out.length;
  serializeAff(aff, out);
  const dicOffset = out.length;
  serializeNode(root, out);

  const file = out.result();
  file.write('BDic', 0, 'latin1');
  file.writeUInt16LE(2, 4); // major version
  file.writeUInt16LE(0, 6); // minor version
  file.writeUInt32LE(affOffset, 8);
  file.writeUInt32LE(dicOffset, 12);
  createHash('md5').update(file.subarray(affOffset)).digest().copy(file, 16);
  return file;
}
