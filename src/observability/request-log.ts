// One log line per GraphQL request over HTTP or SSE: request id (the balancer's X-Request-Id, or a
// new one, echoed in the response), operation name, duration, HTTP status and the error codes of
// the result. Never the document's variables or the result's data: they may hold non-public text.
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from './logger.js';
import { errorCodesOf } from './error-codes.js';

interface RequestRecord {
  id: string;
  started: number;
  operationName?: string;
  codes: Set<string>;
}

export function requestLogPlugin(logger: Logger): Plugin {
  const records = new WeakMap<Request, RequestRecord>();
  return {
    onRequest({ request }) {
      records.set(request, { id: request.headers.get('x-request-id') ?? randomUUID(), started: performance.now(), codes: new Set() });
    },
    onParams({ params, request }) {
      const record = records.get(request);
      if (record) record.operationName = params.operationName ?? /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(params.query ?? '')?.[1];
    },
    onResultProcess({ request, result }) {
      const record = records.get(request);
      for (const code of errorCodesOf(result)) record?.codes.add(code);
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      response.headers.set('x-request-id', record.id);
      const line = {
        requestId: record.id,
        method: request.method,
        operationName: record.operationName,
        status: response.status,
        durationMs: Math.round((performance.now() - record.started) * 10) / 10,
        ...(record.codes.size ? { errorCodes: [...record.codes] } : {}),
      };
      if (response.status >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    },
  };
}
