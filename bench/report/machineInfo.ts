import { cpus, platform, release, totalmem } from 'node:os';

/** The machine a benchmark ran on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  nodeVersion: string;
  os: string;
}

/** Describes this machine: CPU model (`os.cpus()[0].model`), core count, memory, Node version and OS. */
export function readMachineInfo(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryBytes: totalmem(),
    nodeVersion: process.version,
    os: `${platform()} ${release()}`,
  };
}
