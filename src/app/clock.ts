/** Source of the current time, injected so tests control it. */
export type Clock = () => Date;

/** The system clock. */
export const systemClock: Clock = () => new Date();
