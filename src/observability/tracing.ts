// Optional OpenTelemetry tracing: a span per GraphQL operation, exported as OTLP (JSON over HTTP)
// when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set. Without either,
// the SDK is never imported (startTracing imports it). A span carries the operation's name and
// type and the result's error codes; never variables, tokens, results or the document (its
// literals may be non-public text).
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { SpanStatusCode, Tracer } from '@opentelemetry/api';
import { errorCodesOf } from './error-codes.js';

export interface Tracing {
  plugin: Plugin;
  /** Exports the spans still buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

export interface TracingSettings {
  serviceName: string;
}

export async function startTracing({ serviceName }: TracingSettings): Promise<Tracing> {
  const [{ SpanStatusCode }, { NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { ATTR_SERVICE_NAME }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  // The exporter reads its endpoint, headers and timeout from the standard OTEL_EXPORTER_OTLP_* variables.
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  return { plugin: operationSpans(provider.getTracer('council-api'), SpanStatusCode.ERROR), shutdown: () => provider.shutdown() };
}

function operationSpans(tracer: Tracer, errorStatus: SpanStatusCode): Plugin {
  const start = (document: DocumentNode, operationName: string | null | undefined) => {
    const operation = getOperationAST(document, operationName);
    const type = operation?.operation ?? 'unknown';
    const name = operation?.name?.value;
    return tracer.startSpan(name ? `${type} ${name}` : type, {
      attributes: { 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) },
    });
  };
  const end = (span: ReturnType<typeof start>, result: unknown) => {
    const codes = errorCodesOf(result);
    if (codes.length) {
      span.setAttribute('graphql.error.codes', [...new Set(codes)]);
      span.setStatus({ code: errorStatus });
    }
    span.end();
  };
  return {
    onExecute({ args }) {
      const span = start(args.document, args.operationName);
      return { onExecuteDone: ({ result }) => end(span, result) };
    },
    onSubscribe({ args }) {
      const span = start(args.document, args.operationName);
      return { onSubscribeResult: ({ result }) => end(span, result) };
    },
  };
}
