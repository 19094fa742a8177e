import { describe, expect, it } from 'vitest';
import { fromWire, nestsDeeperThan, toWire } from './wire';

describe('wire encoding', () => {
  it('carries photo bytes through JSON unchanged', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => (index * 7) % 256);
    const decoded = fromWire(toWire({ bytes, name: 'x' })) as { bytes: Uint8Array; name: string };
    expect(decoded.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(decoded.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(decoded.name).toBe('x');
  });

  it('throws on malformed JSON and malformed byte strings', () => {
    expect(() => fromWire('{"a":')).toThrow(SyntaxError);
    expect(() => fromWire('{"bytes":{"$bytes":"***"}}')).toThrow(SyntaxError);
  });

  it('measures nesting without recursing, and ignores brackets inside strings', () => {
    expect(nestsDeeperThan('[[1]]', 2)).toBe(false);
    expect(nestsDeeperThan('[[[1]]]', 2)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[]}}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":"[[[[\\"[[["}', 1)).toBe(false);
    expect(nestsDeeperThan('[]'.repeat(1000), 1)).toBe(false);
    expect(nestsDeeperThan('['.repeat(1_000_000), 100)).toBe(true);
  });
});
