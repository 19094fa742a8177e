// The release body the keystroke benchmark types into, and the text it types:
// deterministic, with the shape of a long press release rather than a list of
// equal lines.
import type { JSONContent } from '@tiptap/core';

const vocabulary = (
  'port authority minister statement budget harbour quay vessel container berth capacity schedule council report figures growth city ' +
  'media office public ferry museum wing restoration tender contract tariff freight terminal crane passengers tonnes operators season ' +
  'investment regional partners residents community access safety inspection works phase opening ceremony access road traffic'
).split(' ');

/** A 32-bit linear congruential generator (Numerical Recipes): the same body on every run and every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const paragraphLengths = [42, 67, 35, 88, 54, 29, 73, 48, 61, 39];

/**
 * About `words` words (exactly that many) laid out like a long release: paragraphs
 * of 29–88 words in sentences, a subheading every tenth block, a bulleted list
 * and a quote now and then, and bold, italic and link marks inside paragraphs.
 */
export function releaseBody(words: number): JSONContent {
  const random = generator(words);
  let left = words;
  const take = (wanted: number) => Math.max(0, Math.min(wanted, left));
  const word = () => vocabulary[Math.floor(random() * vocabulary.length)]!;

  /** `count` words in sentences of 9–20 words, as text nodes with a few marks. */
  const inline = (count: number, marked: boolean): JSONContent[] => {
    left -= count;
    const list: string[] = [];
    let sentence = 0;
    for (let index = 0; index < count; index++) {
      let next = word();
      if (sentence === 0) next = next[0]!.toUpperCase() + next.slice(1);
      sentence++;
      if (index === count - 1 || (sentence >= 9 && random() < 0.2) || sentence >= 20) {
        next += '.';
        sentence = 0;
      } else if (random() < 0.06) next += ',';
      list.push(next);
    }
    if (!marked || count < 12) return [{ type: 'text', text: list.join(' ') }];
    // One marked run of one to three words in the middle of the paragraph.
    const from = 4 + Math.floor(random() * (count - 10));
    const length = 1 + Math.floor(random() * 3);
    const choice = random();
    const marks =
      choice < 0.45
        ? [{ type: 'bold' }]
        : choice < 0.85
          ? [{ type: 'italic' }]
          : [{ type: 'link', attrs: { href: 'https://example.org/reports/annual' } }];
    return [
      { type: 'text', text: list.slice(0, from).join(' ') + ' ' },
      { type: 'text', text: list.slice(from, from + length).join(' '), marks },
      { type: 'text', text: ' ' + list.slice(from + length).join(' ') },
    ];
  };
  const paragraph = (count: number, marked: boolean): JSONContent => ({ type: 'paragraph', content: inline(count, marked) });

  const content: JSONContent[] = [];
  for (let block = 0; left > 0; block++) {
    if (block % 10 === 9 && left > 6) {
      content.push({ type: 'heading', attrs: { level: 2 }, content: inline(take(4 + (block % 3)), false) });
    } else if (block % 17 === 16 && left > 45) {
      content.push({
        type: 'bulletList',
        content: [11, 14, 9].map((count) => ({ type: 'listItem', content: [paragraph(take(count), false)] })),
      });
    } else if (block % 23 === 22 && left > 40) {
      content.push({ type: 'blockquote', content: [paragraph(take(38), false)] });
    } else {
      content.push(paragraph(take(paragraphLengths[block % paragraphLengths.length]!), block % 3 === 0));
    }
  }
  return { type: 'doc', content };
}

/** Words in a body, counted the way the text is split on white space. */
export function wordsIn(node: JSONContent): number {
  if (node.text !== undefined) return node.text.split(/\s+/).filter(Boolean).length;
  // Text nodes split by a mark continue the same words; count per block instead.
  if (node.type === 'paragraph' || node.type === 'heading') {
    return (node.content ?? [])
      .map((child) => child.text ?? '')
      .join('')
      .split(/\s+/)
      .filter(Boolean).length;
  }
  return (node.content ?? []).reduce((sum, child) => sum + wordsIn(child), 0);
}

const typedSentences = [
  'The authority confirmed the figures this morning and will publish the full report next week.',
  'Passenger numbers rose by a fifth over the summer, and freight held steady through the autumn.',
  'Works on the eastern quay begin in March, with the access road closed to traffic at night only.',
  'Residents can read the plans at the city library, and the council will answer questions in public.',
];

/**
 * What the typist types: sentences, and Enter after every second one, so that
 * new paragraphs are made as they are in real writing. `\r` stands for Enter.
 */
export function typedText(keys: number): string {
  let text = '';
  for (let index = 0; text.length < keys; index++) {
    text += typedSentences[index % typedSentences.length]! + (index % 2 === 1 ? '\r' : ' ');
  }
  return text.slice(0, keys);
}
