/**
 * The client ids a y-protocols awareness update speaks for. Its layout is a
 * varuint count, then per client a varuint id, a varuint clock and a
 * length-prefixed JSON state (y-protocols/awareness.js encodeAwarenessUpdate).
 * The page's own ids say which presence is its own, so it is never sent back
 * to it, and which page is asking. Bad bytes give null: the update is refused.
 */
export function awarenessClients(update: Uint8Array): number[] | null {
  let position = 0;
  const readVarUint = (): number | null => {
    let value = 0;
    for (let shift = 0; shift < 53; shift += 7) {
      if (position >= update.length) return null;
      const byte = update[position++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return null;
  };
  const count = readVarUint();
  if (count === null) return null;
  const clients: number[] = [];
  for (let index = 0; index < count; index++) {
    const client = readVarUint();
    const clock = readVarUint();
    const stateLength = readVarUint();
    if (client === null || clock === null || stateLength === null || position + stateLength > update.length) return null;
    position += stateLength;
    clients.push(client);
  }
  return position === update.length ? clients : null;
}
