import { describe, expect, it } from 'vitest';
import { ReadWriteLock } from '../../src/mcp/call-lock.js';

/** A promise and the function that settles it, to hold work open for as long as a test needs. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('ReadWriteLock', () => {
  it('runs shared work at once, exclusive work alone, and later work behind a waiting writer', async () => {
    const lock = new ReadWriteLock();
    const events: string[] = [];
    const firstRead = gate();
    const write = gate();
    const work = (name: string, held?: Promise<void>) => async (): Promise<void> => {
      events.push(`${name} start`);
      await held;
      events.push(`${name} end`);
    };
    const reads = [lock.shared(work('read 1', firstRead.opened)), lock.shared(work('read 2'))];
    const writing = lock.exclusive(work('write', write.opened));
    const after = lock.shared(work('read 3'));
    await tick();
    // Read 2 did not wait for read 1; the writer waits for read 1, and read 3 waits behind the writer.
    expect(events).toEqual(['read 1 start', 'read 2 start', 'read 2 end']);
    firstRead.open();
    await tick();
    expect(events.slice(3)).toEqual(['read 1 end', 'write start']);
    write.open();
    await Promise.all([...reads, writing, after]);
    expect(events.slice(5)).toEqual(['write end', 'read 3 start', 'read 3 end']);
  });

  it('gives the lock back when work fails', async () => {
    const lock = new ReadWriteLock();
    await expect(lock.exclusive(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(lock.exclusive(async () => 'next')).resolves.toBe('next');
  });
});
