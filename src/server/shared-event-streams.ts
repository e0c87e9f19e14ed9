// Live subscriptions over SSE (Yoga's, on /graphql with Accept: text/event-stream) join the same
// groups as those over WebSocket (src/live/subscription-groups.ts): the group executes the
// selection set once per event and serializes the result once; each SSE response receives those
// bytes as its `data:` (Yoga writes a result's own `stringify` instead of JSON.stringify). The
// subscriber keeps its cursor, its backlog (SUBSCRIBER_TOO_SLOW), its token's expiry and its
// audience; the groups' key tells audiences apart. Fields that are not shared (the speakers'
// list) stream on their own, as before.
import { print, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin, type YogaInitialContext, type YogaServerInstance } from 'graphql-yoga';
import type { Member, Outlet, SharedDelivery } from '../live/subscription-groups.js';
import type { Context } from '../schema/context.js';
import type { Services } from '../services.js';
import { maskedForClients } from './mask-error.js';

/**
 * The results of a member for its SSE response, in order, as an iterator that Yoga pulls one at a
 * time: a result waits here until the response takes it (the member's backlog), so a client that
 * does not read (TCP pushes back) ends as too slow. Its return (the client went away) ends the member.
 */
class EventStreamOutlet implements Outlet, AsyncIterableIterator<ExecutionResult> {
  private readonly waiting: { result: ExecutionResult; written?: () => void }[] = [];
  private wake = () => {};
  private member?: Member;
  /** The member has ended: what waits is still sent, then the response ends. */
  private finished = false;
  /** The client has gone. */
  private gone = false;

  take(member: Member) {
    this.member = member;
    return !this.gone;
  }

  giveBack() {
    this.member = undefined;
  }

  get open() {
    return !this.finished && !this.gone;
  }

  write(payload: string, written: () => void) {
    // No `errors` and no `extensions`: Yoga sends `stringify()` as it is.
    this.push({ stringify: () => payload } as ExecutionResult, written);
  }

  ended(_member: Member, last?: ExecutionResult) {
    if (last) this.push(last);
    this.finished = true;
    this.wake();
  }

  private push(result: ExecutionResult, written?: () => void) {
    if (this.gone) return;
    this.waiting.push({ result, written });
    this.wake();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    for (;;) {
      const first = this.waiting.shift();
      if (first) {
        first.written?.();
        return { done: false, value: first.result };
      }
      if (this.finished || this.gone) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.gone = true;
    this.waiting.length = 0;
    this.wake();
    this.member?.return();
    return { done: true, value: undefined };
  }
}

/** `yoga`: the server itself, through whose plugins a group's own subscription runs (as over WebSocket). */
export function sharedEventStreams(services: Services, yoga: () => YogaServerInstance<any, any>): Plugin<Context & YogaInitialContext> {
  return {
    onSubscribe({ args, extendContext }) {
      const context = args.contextValue;
      // A WebSocket's subscription has its delivery already; a group's own has its values.
      if (context.delivery || context.groupValues || !context.request) return;
      const outlet = new EventStreamOutlet();
      const delivery: SharedDelivery = {
        outlet,
        // The group's key: the text as sent (as over WebSocket), else the registered document run.
        document: context.params.query ?? print(args.document),
        operationName: args.operationName,
        variables: args.variableValues ?? {},
        subscribe: (groupValues) =>
          yoga()
            .getEnveloped({ request: context.request, params: context.params })
            .subscribe({ ...args, contextValue: { ...context, delivery: undefined, groupValues } }),
        mask: maskedForClients(services.config.production),
      };
      extendContext({ delivery });
      return {
        // The member writes the group's results; graphql-js' (empty) stream of it is not read.
        onSubscribeResult: ({ result, setResult }) => {
          if (delivery.member && isAsyncIterable(result)) setResult(outlet);
        },
      };
    },
  };
}
