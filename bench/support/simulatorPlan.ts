import { z } from 'zod';
import { scenarios } from '../../src/local/epicorSimulator';

/** Plan of a simulator child process: each instance's scenario and latency. */
export const simulatorPlanSchema = z.object({
  scenarios: z.record(z.string(), z.enum(scenarios)),
  /** Delay in milliseconds before an instance responds, by instance. */
  latencies: z.record(z.string(), z.number().min(0)),
  /** Delay of instances not in `latencies`; default 0. */
  latencyMs: z.number().min(0).optional(),
});

export type SimulatorPlan = z.output<typeof simulatorPlanSchema>;

/** Messages from the simulator child to the benchmark. */
export const simulatorMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('listening'), url: z.string() }),
  z.object({ kind: z.literal('stopped') }),
  z.object({ kind: z.literal('failed'), error: z.string() }),
]);
