/** Epicor environments that each application connects to; a check runs for both. */
export const environments = ['Live', 'Test'] as const;
export type Environment = (typeof environments)[number];

/** Returns the canonical environment name for case-insensitive input, or undefined. */
export function parseEnvironment(value: string): Environment | undefined {
  return environments.find((environment) => environment.toLowerCase() === value.toLowerCase());
}
