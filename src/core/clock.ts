// Milliseconds on a clock that never goes back. The global `performance` would do, but touching it
// loads Node's whole perf_hooks machinery (~2 ms of every run's start); hrtime is already there.
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
