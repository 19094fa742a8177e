import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { useEffect, useState } from 'react';

export interface CoalescerOptions {
  /** Run this long after the last change… */
  quietMs: number;
  /** …but never leave a change unanswered longer than this while changes keep coming. */
  maxWaitMs: number;
  /** Where the run goes once due: the browser's idle time in the app, straight away in tests. */
  whenIdle?: (run: () => void) => () => void;
}

const idleTimeoutMs = 500;

const browserIdle = (run: () => void) => {
  const handle = requestIdleCallback(run, { timeout: idleTimeoutMs });
  return () => cancelIdleCallback(handle);
};

/**
 * Many changes, one run: after they pause (or at the latest maxWaitMs after the
 * first), in idle time, so work that derives something from the whole document
 * never sits between a key and its frame.
 */
export class Coalescer {
  private pendingSince: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cancelIdle: (() => void) | null = null;
  private readonly whenIdle: (run: () => void) => () => void;

  constructor(
    private readonly run: () => void,
    private readonly options: CoalescerOptions,
  ) {
    this.whenIdle = options.whenIdle ?? browserIdle;
  }

  changed(): void {
    const now = Date.now();
    this.pendingSince ??= now;
    clearTimeout(this.timer);
    const untilMaxWait = this.pendingSince + this.options.maxWaitMs - now;
    this.timer = setTimeout(() => this.due(), Math.max(0, Math.min(this.options.quietMs, untilMaxWait)));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.cancelIdle?.();
    this.cancelIdle = null;
    this.pendingSince = null;
  }

  private due(): void {
    if (this.cancelIdle) return;
    let ran = false;
    const cancel = this.whenIdle(() => {
      ran = true;
      this.cancelIdle = null;
      this.pendingSince = null;
      this.run();
    });
    if (!ran) this.cancelIdle = cancel;
  }
}

/** A counter or list shown beside the text may lag the last keystroke by this much, never more (plus the browser's idle wait). */
const quietMs = 250;
const maxWaitMs = 1_000;

/**
 * A value derived from the whole body (its counts, its photos), recomputed when
 * typing pauses rather than per keystroke: at 50,000 words a recount, and the
 * React commit that shows it (which reads the selection across the whole body),
 * would otherwise run inside every key's frame. `derive` and `same` must be
 * stable (module-level) functions.
 */
export function useDeferredDocValue<T>(
  editor: Editor | null,
  derive: (doc: ProseMirrorNode) => T,
  same: (a: T, b: T) => boolean,
  empty: T,
): T {
  const [value, setValue] = useState<T>(() => (editor ? derive(editor.state.doc) : empty));
  useEffect(() => {
    if (!editor) return;
    const update = () => {
      const next = derive(editor.state.doc);
      setValue((previous) => (same(previous, next) ? previous : next));
    };
    update();
    const coalescer = new Coalescer(update, { quietMs, maxWaitMs });
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) coalescer.changed();
    };
    editor.on('transaction', onTransaction);
    return () => {
      editor.off('transaction', onTransaction);
      coalescer.dispose();
    };
  }, [editor, derive, same, empty]);
  return value;
}
