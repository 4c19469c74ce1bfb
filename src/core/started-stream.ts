/**
 * A stream of chunks whose first chunk has arrived. Waiting for it before answering lets a reply
 * that is broken from the start (HTML, garbage, nothing) be an HTTP error rather than a 200
 * followed by an error event; the chunks after it still go out as they come.
 */
export async function startedStream<T>(chunks: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* replay(): AsyncGenerator<T> {
    if (first.done) return;
    let finished = false;
    try {
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      finished = true;
    } finally {
      // The client left (or the encoder stopped): stop the upstream stream too.
      if (!finished) await iterator.return?.();
    }
  }
  return replay();
}
