import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a run was made on. */
export interface MachineInfo {
  /** The CPU model. */
  cpuModel: string;
  /** Logical CPUs. */
  cpus: number;
  /** Total memory, in bytes. */
  memoryBytes: number;
  /** `process.version`. */
  node: string;
  /** OS type, release and architecture. */
  os: string;
  /** The 1-minute load average when the run started (others' work on a shared machine). */
  loadAverage: number;
  /** The 1-minute load average when it ended. */
  loadAverageEnd?: number;
  /** The redis-server version used, if any. */
  redisServer: string | undefined;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cpus: processors.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()} ${process.arch}`,
    loadAverage: loadavg()[0] ?? 0,
    redisServer: redisServerVersion(),
  };
}

function redisServerVersion(): string | undefined {
  try {
    const output = execFileSync('redis-server', ['--version'], { encoding: 'utf8' });
    return /v=(\S+)/.exec(output)?.[1];
  } catch {
    return undefined;
  }
}
