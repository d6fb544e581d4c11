import { problem, problems, type HttpProblem } from '../http/problem';
import type { Fault } from './faults';

/**
 * What an injected fault answers. 'timeout' answers nothing: the caller holds the request until
 * the client gives up or the server stops.
 */
export function faultProblem(fault: Fault): HttpProblem | 'hold' {
  switch (fault.kind) {
    case 'timeout':
      return 'hold';
    case '429':
      return problems.tooManyRequests(fault.retryAfter ?? 1, fault.json ?? true);
    case '500':
      return problems.serverError();
    case '502':
    case '504':
      return problems.gateway(fault.kind === '502' ? 502 : 504);
    case '401':
      return problems.unauthorized();
    case '402':
      return problems.paymentRequired();
    case '403':
      return problem(403, 'Account is blocked: too many requests from this IP address');
  }
}
