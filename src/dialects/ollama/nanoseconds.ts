/** Ollama reports durations in nanoseconds; the runtimes' clocks count milliseconds. */
export const nanoseconds = (milliseconds: number): number => milliseconds * 1_000_000;
