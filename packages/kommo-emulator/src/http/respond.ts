import type { ServerResponse } from 'node:http';
import type { HttpProblem } from './problem';

export interface HttpAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Writes an answer: objects as JSON in the given content type, strings as they are. */
export function send(
  res: ServerResponse,
  answer: HttpAnswer,
  contentType = 'application/hal+json',
): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | undefined;
  if (answer.status !== 204 && answer.status !== 304 && answer.body !== undefined) {
    if (typeof answer.body === 'string') {
      payload = answer.body;
      headers['Content-Type'] ??= 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(answer.body);
      headers['Content-Type'] ??= contentType;
    }
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

/** Writes a thrown HttpProblem (problem+json unless it is text/HTML). */
export function sendProblem(res: ServerResponse, p: HttpProblem): void {
  send(res, { status: p.status, body: p.body, headers: p.headers }, 'application/problem+json');
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, { status, body: html, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

export function redirect(res: ServerResponse, location: string): void {
  send(res, { status: 302, headers: { Location: location } });
}
