/** The Node entry's access log writer: lines in order, one write per turn of the event loop. */
import { describe, expect, it } from 'vitest';
import { batchedLines } from '../../src/runtimes/batched-lines';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('batchedLines', () => {
  it('writes the lines of one turn together, in order, once that turn ends', async () => {
    const writes: string[] = [];
    const write = batchedLines({ write: (text: string) => writes.push(text) > 0 });
    write('{"a":1}');
    write('{"b":2}');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n']);
    write('{"c":3}');
    await nextTurn();
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n', '{"c":3}\n']);
  });
});
