import { format } from 'node:util';

/** Writes one readable log line: time, level, source and message. */
export function writeLocalLog(level: string, source: string, ...args: unknown[]): void {
  const time = new Date().toISOString().slice(11, 23);
  const line = `${time} ${level.padEnd(5)} [${source}] ${format(...args)}`;
  if (level === 'error' || level === 'warn' || level === 'warning') {
    console.error(line);
  } else {
    console.log(line);
  }
}
