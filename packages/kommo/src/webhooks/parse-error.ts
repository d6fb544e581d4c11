/**
 * A webhook body that is not a well-formed encoding (bad percent escape, invalid UTF-8, JSON that
 * does not parse) or that exceeds a decoding limit (nesting depth, number of keys, key length).
 * The receiver answers it with 400 and `reason`; anything well-formed never throws.
 */
export class WebhookParseError extends Error {
  override name = 'WebhookParseError';
  constructor(readonly reason: string) {
    super(reason);
  }
}
