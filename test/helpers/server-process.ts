/**
 * A proxy in a child process (wrangler dev, Bun, Deno, a built bundle): started in its own
 * process group on a free loopback port, ready once `GET /` answers, stopped by that group's id
 * (a wrapper such as npx would leave its child running).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningProxy {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess extends RunningProxy {
  /** everything the process printed so far, stdout and stderr */
  output(): string;
}

export interface ServerProcessOptions {
  name: string;
  command: string;
  args: readonly string[];
  env: Record<string, string | undefined>;
  cwd: string;
  port: number;
  timeoutMs?: number;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 3000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${options.port}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited early:\n${output}`);
    const ready = await fetch(`${url}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, stop, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`${options.name} did not become ready in ${timeoutMs} ms:\n${output}`);
}
