import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** Options for {@link startRedisServer}. */
export interface RedisServerOptions {
  /** The port to listen on, on 127.0.0.1. @default a free port */
  port?: number;
  /** The redis-server executable. @default 'redis-server' */
  binary?: string;
  /** How long to wait for the server to answer PING, in milliseconds. @default 10_000 */
  startTimeoutMs?: number;
}

/** A redis-server child process started by {@link startRedisServer}. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The port it listens on; {@link RedisServer.restart} keeps it. */
  readonly port: number;
  /** Stops it gracefully (SIGTERM; SIGKILL if it does not exit) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills it with SIGKILL, as a crash, and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after `kill` or `stop`) and waits until it answers. */
  restart(): Promise<void>;
  /** Freezes it with SIGSTOP: connections stay open but nothing answers, as a hung server. */
  pause(): void;
  /** Unfreezes it with SIGCONT. */
  resume(): void;
}

const running = new Set<ChildProcess>();
let cleanupRegistered = false;

/** Whether the redis-server executable can be run. */
export function isRedisAvailable(binary = 'redis-server'): boolean {
  const result = spawnSync(binary, ['--version'], { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/**
 * Whether tests that need redis-server should be skipped: when it is not installed on a developer
 * machine. On CI (`CI` set) a missing redis-server throws instead, so the Redis tests cannot be
 * skipped silently there.
 */
export function shouldSkipRedisTests(): boolean {
  if (isRedisAvailable()) return false;
  if (process.env.CI) {
    throw new Error(
      'redis-server is not installed, and CI must run the Redis tests. Install it (apt-get install redis-server).',
    );
  }
  return true;
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('No TCP port was assigned.');
  return address.port;
}

/**
 * Starts redis-server on a loopback port, without persistence, and resolves once it answers PING.
 * Every server it starts is killed when the test process exits, so none outlives the tests.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  registerCleanup();
  const binary = options.binary ?? 'redis-server';
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const port = options.port ?? (await findFreePort());
  let child = await spawnServer(binary, port, startTimeoutMs);

  const waitForExit = async (signal: NodeJS.Signals): Promise<void> => {
    const current = child;
    if (current.exitCode !== null || current.signalCode !== null) return;
    const exited = once(current, 'exit');
    current.kill(signal);
    await exited;
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill('SIGCONT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      try {
        await waitForExit('SIGTERM');
      } finally {
        clearTimeout(timer);
      }
    },
    async kill() {
      await waitForExit('SIGKILL');
    },
    async restart() {
      await waitForExit('SIGKILL');
      child = await spawnServer(binary, port, startTimeoutMs);
    },
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
  };
}

async function spawnServer(
  binary: string,
  port: number,
  startTimeoutMs: number,
): Promise<ChildProcess> {
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  watch(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`redis-server exited (${signal ?? `code ${code}`}) on start:\n${output}`)),
    );
  });
  failed.catch(() => {});
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    const answered = await Promise.race([ping(port), failed]);
    if (answered) return child;
    await Promise.race([delay(25), failed]);
  }
  child.kill('SIGKILL');
  throw new Error(
    `redis-server did not answer PING on port ${port} within ${startTimeoutMs} ms:\n${output}`,
  );
}

/** Whether something on the port answers a raw RESP `PING` with `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

// Kills the server if this process dies without running its 'exit' handlers (SIGKILL, a crash).
const watchdogScript = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (error) { return error.code === 'EPERM'; } };
setInterval(() => {
  if (!alive(child)) process.exit(0);
  // Orphaned: the test process is gone (a dead parent may linger as a zombie, still signalable).
  if (process.ppid !== parent) { try { process.kill(child, 'SIGKILL'); } catch {} process.exit(0); }
}, 500);
`;

function watch(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const watchdog = spawn(
    process.execPath,
    ['-e', watchdogScript, String(process.pid), String(child.pid)],
    { stdio: 'ignore' },
  );
  watchdog.on('error', () => {});
  watchdog.unref();
}

function registerCleanup(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}
