/** @module What the figures were taken on: CPU model and cores, memory, Node version, platform. */
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem, platform, release } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
}

/** Reads the CPU model from /proc/cpuinfo (Linux), falling back to what Node reports. */
export function machine(): Machine {
  let cpuModel = 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux
  }
  return {
    cpuModel,
    cores: availableParallelism(),
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
  };
}
