/** @module What the figures were taken on: CPU model and cores, memory, Node version, load, and the code's commit. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, platform, release, totalmem } from 'node:os';
import { projectRoot } from '../helpers/spawn-product.ts';

export interface Machine {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run began (other work on a shared machine shows here). */
  loadAtStart: number;
}

export interface CodeVersion {
  commit: string;
  /** True when the working tree had changes that are not committed. */
  dirty: boolean;
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
    loadAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}

/** The commit being measured, and whether uncommitted changes were measured with it. */
export function codeVersion(): CodeVersion {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', '--short=12', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no').length > 0 };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}
