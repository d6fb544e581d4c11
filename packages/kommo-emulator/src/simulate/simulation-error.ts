/** A simulation that cannot happen in this account (unknown lead, bad stage …): a 400 over HTTP. */
export class SimulationError extends Error {
  override name = 'SimulationError';
}
