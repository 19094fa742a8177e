// A small reader for Chromium .bdic files, used to check write-bdic.mjs output
// the way Chromium's convert_dict checks its own (every word and affix id
// must read back), plus the header checks Chromium performs.

import { createHash } from 'node:crypto';

/** Parses and validates the header. Throws on anything Chromium would reject. */
export function readHeader(file) {
  if (file.length < 32 || file.toString('latin1', 0, 4) !== 'BDic') {
    throw new Error('not a bdic file');
  }
  const header = {
    major: file.readUInt16LE(4),
    minor: file.readUInt16LE(6),
    affOffset: file.readUInt32LE(8),
    dicOffset: file.readUInt32LE(12),
    digest: file.subarray(16, 32),
  };
  if (header.major !== 2 || header.dicOffset >= file.length || header.affOffset + 16 > file.length) {
    throw new Error('bad bdic header');
  }
  const md5 = createHash('md5').update(file.subarray(header.affOffset)).digest();
  if (!md5.equals(file.subarray(16, 32))) throw new Error('bdic MD5 mismatch');
  return header;
}

/** The NUL-separated string list starting at `offset` (ends at a double NUL). */
export function readStringList(file, offset) {
  const strings = [];
  while (offset < file.length && file[offset] !== 0) {
    const end = file.indexOf(0, offset);
    strings.push(file.toString('utf8', offset, end));
    offset = end + 1;
  }
  return strings;
}

/** The aff section: affix groups ("AF ..." lines), rules, replacements, other. */
export function readAff(file) {
  const { affOffset } = readHeader(file);
  const at = (i) => file.readUInt32LE(affOffset + i * 4);
  const reps = readStringList(file, at(2));
  const replacements = [];
  for (let i = 0; i + 1 < reps.length; i += 2) replacements.push([reps[i], reps[i + 1]]);
  return {
    affixGroups: readStringList(file, at(0)),
    affixRules: readStringList(file, at(1)),
    replacements,
    otherCommands: readStringList(file, at(3)),
  };
}

/** Children of a trie node as [{ ch, offset }], in stored order. */
function children(file, offset) {
  const id = file[offset];
  const result = [];
  if ((id & 0xe0) === 0xe0) {
    const wide = (id & 0xf0) === 0xf0;
    const entry = wide ? 3 : 2;
    const count = id & 0x0f;
    const start = offset + 1 + count * entry;
    for (let i = 0; i < count; i++) {
      const at = offset + 1 + i * entry;
      result.push({ ch: file[at], offset: start + (wide ? file.readUInt16LE(at + 1) : file[at + 1]) });
    }
  } else if ((id & 0xfc) === 0xc0) {
    const wide = (id & 0x02) !== 0;
    const entry = wide ? 4 : 2;
    const read = (at) => (wide ? file.readUInt32LE(at) : file.readUInt16LE(at));
    const target = (value) => (wide ? value : offset + value);
    let at = offset + 3;
    if (id & 0x01) {
      result.push({ ch: 0, offset: target(read(at)) });
      at += entry;
    }
    for (let i = 0; i < file[offset + 2]; i++) {
      const value = read(at + i * entry);
      if (value !== 0) result.push({ ch: file[offset + 1] + i, offset: target(value) });
    }
  } else {
    throw new Error(`not an inner node at ${offset}`);
  }
  return result;
}

/** Reads a leaf: its tail bytes and affix ids. */
function leaf(file, offset) {
  const id = file[offset];
  let at = offset + 2;
  let tail = Buffer.alloc(0);
  if ((id & 0xc0) === 0x40) {
    const end = file.indexOf(0, at);
    tail = file.subarray(at, end);
    at = end + 1;
  }
  const first = ((id & 0x1f) << 8) | file[offset + 1];
  const affixes = first === 0x1fff ? [] : [first];
  if ((id & 0xa0) === 0x20 || first === 0x1fff) {
    for (;;) {
      const value = file.readUInt16LE(at);
      at += 2;
      if (value === 0xffff) break;
      affixes.push(value);
    }
  }
  return { tail, affixes };
}

/** Every word in the trie, in order: [{ word: Buffer, affixes }]. */
export function readWords(file) {
  const { dicOffset } = readHeader(file);
  const words = [];
  const walk = (offset, prefix) => {
    for (const child of children(file, offset)) {
      const path = child.ch === 0 ? prefix : [...prefix, child.ch];
      if ((file[child.offset] & 0x80) === 0) {
        const { tail, affixes } = leaf(file, child.offset);
        words.push({ word: Buffer.concat([Buffer.from(path), tail]), affixes });
      } else {
        walk(child.offset, path);
      }
    }
  };
  walk(dicOffset, []);
  return words;
}
