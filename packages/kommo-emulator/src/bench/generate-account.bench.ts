import { generateAccount, type GenerateSpec } from '../generate-account';
import { AccountState } from '../model/account-state';

/**
 * How long a benchmark-sized account takes to build and load, and what it costs in heap.
 * Baseline in the same run: the 1,000-lead account the CLI generates by default.
 */
const spec = (leads: number, contacts: number): GenerateSpec => ({
  pipelines: 3,
  stagesPerPipeline: 6,
  customFields: 20,
  sources: 3,
  users: 10,
  leads,
  contacts,
  companies: Math.ceil(contacts / 50),
  tasks: Math.ceil(leads / 10),
});

// Run with --expose-gc (the package script does) so heap figures are live data, not garbage.
const collect = () => globalThis.gc?.();

function measure(label: string, s: GenerateSpec): void {
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const fixture = generateAccount(s);
  const generateMs = performance.now() - t;
  t = performance.now();
  const state = new AccountState(fixture);
  const loadMs = performance.now() - t;
  collect();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(
    `${label.padEnd(10)} ${String(state.leads.size).padStart(6)} leads ${String(state.contacts.size).padStart(6)} contacts  generate ${generateMs.toFixed(0).padStart(5)} ms  load ${loadMs.toFixed(0).padStart(4)} ms  heap +${heapMb.toFixed(0)} MB`,
  );
}

measure('baseline', spec(1_000, 1_000));
measure('benchmark', spec(50_000, 50_000));
