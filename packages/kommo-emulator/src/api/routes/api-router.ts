import type { HttpAnswer } from '../../http/respond';
import { Router } from '../../http/router';
import type { ApiCall } from '../api-call';

/** Routes are registered with full paths ('/api/v4/leads', '/api/v2/salesbot/run'). */
export type ApiRouter = Router<ApiCall, HttpAnswer | Promise<HttpAnswer>>;

export const createApiRouter = (): ApiRouter => new Router();
