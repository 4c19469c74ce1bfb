/**
 * Node only: lines for stdout, written together once per turn of the event loop. Under load many
 * requests end in one turn, and a console.log each (a synchronous write when stdout is a file or
 * /dev/null) was about 5% of the proxy's CPU per non-streamed request. What is still pending when
 * the process exits is written then.
 */
export function batchedLines(stream: Pick<NodeJS.WriteStream, 'write'> = process.stdout): (line: string) => void {
  let pending = '';
  const flush = (): void => {
    if (!pending) return;
    const text = pending;
    pending = '';
    stream.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (!pending) setImmediate(flush);
    pending += `${line}\n`;
  };
}
