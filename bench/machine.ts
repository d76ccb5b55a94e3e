import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface MachineFacts {
  node: string;
  nproc: number;
  cpuModel: string;
}

/** The facts a reader needs to compare two runs: Node version, `nproc`, and the CPU model from /proc/cpuinfo. */
export function machineFacts(): MachineFacts {
  let nproc = availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // No coreutils (not Linux): the count Node sees is the same number in practice.
  }
  let cpuModel = 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    cpuModel = line?.split(':')[1]?.trim() ?? cpuModel;
  } catch {
    // /proc/cpuinfo is Linux-only; "unknown" says so in the report.
  }
  return { node: process.version, nproc, cpuModel };
}
