// Shared execution of live subscriptions (multiplexing, as Hasura does for live queries). The
// subscribers of one meeting with the same document, variables and viewer facts (see groupKeyOf)
// receive identical payloads, so their group executes the selection set once per event,
// serializes the result once, and writes the same bytes to every member's connection, whatever
// its transport (graphql-ws over WebSocket, SSE: an Outlet each). A member keeps only its outlet
// and its cursor (the last position it was sent); the slow-subscriber limit, token expiry and
// resume by cursor stay per member. The member is itself the running subscription of its
// connection: it writes its results, and ends itself (with an error as its last result) or is
// ended by the connection (the client's complete, the connection's close).
import type { ExecutionResult, FieldNode, GraphQLError, GraphQLResolveInfo } from 'graphql';
import { isNonNullType, Kind, locatedError, visit, type ASTNode } from 'graphql';
import type { PrismaClient } from '../generated/prisma/client.js';
import { mayReadItemEvent } from '../access/visibility.js';
import { audienceKeyOf, type Viewer } from '../access/viewer.js';
import { ApiError, unauthenticated } from '../errors.js';
import { positionIn } from './audience.js';
import { headOf, loadEvents, type StoredEvent } from './event-log.js';
import type { AudienceEvent, LiveSource } from './event-stream.js';
import type { MeetingFeeds } from './meeting-feed.js';
import { logger } from '../observability/logger.js';

/** Where a member's results go: the subscription's connection, as its transport writes it. */
export interface Outlet {
  /** The member runs as the subscription from now on; false if the client has ended it meanwhile. */
  take(member: Member): boolean;
  /** The member could not join: the subscription's own result reports the failure. */
  giveBack(member: Member): void;
  /** Whether results can still be written. */
  readonly open: boolean;
  /** Writes a serialized result; `written` once it has left (the member's backlog counts until then). */
  write(payload: string, written: () => void): void;
  /** The member has ended: `last` (an ending error), if any, then the subscription's end. */
  ended(member: Member, last?: ExecutionResult): void;
}

/** What a transport hands a subscription (in its context) to be delivered shared. */
export interface SharedDelivery {
  outlet: Outlet;
  /** The document as sent (or its trusted document), and the operation's name. */
  document: string;
  operationName?: string | null;
  variables: Record<string, unknown>;
  /**
   * Subscribes this operation once more, through the server's plugins, with `values` as what its
   * live field streams (Context.groupValues): the group's own execution, shared by its members.
   */
  subscribe(values: AsyncIterable<unknown>): Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
  /** An error as the client may see it (masked as Yoga masks): a member's end bypasses Yoga. */
  mask(error: GraphQLError): GraphQLError;
  /** Set by the join: the member, which runs as the subscription on its connection (the transport keeps nothing else of it). */
  member?: Member;
}

/** The field's stream of a member: empty, as the member writes the group's results to its connection itself. */
const delivered: AsyncIterable<never> = Object.freeze({
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true as const, value: undefined }) }),
});

/** The variable that only carries the root field's cursor: members differing in it share a group. */
function cursorVariable(info: GraphQLResolveInfo): string | undefined {
  const value = info.fieldNodes[0]?.arguments?.find((argument) => argument.name.value === 'after')?.value;
  if (value?.kind !== Kind.VARIABLE) return undefined;
  let uses = 0;
  const count = { Variable: (node: { name: { value: string } }) => void (node.name.value === value.name.value && uses++) };
  const nodes: ASTNode[] = [info.operation.selectionSet, ...Object.values(info.fragments)];
  for (const node of nodes) visit(node, count);
  return uses === 1 ? value.name.value : undefined;
}

function groupKeyOf(delivery: SharedDelivery, viewer: Viewer, info: GraphQLResolveInfo): string {
  const cursor = cursorVariable(info);
  const variables = Object.entries(delivery.variables)
    .filter(([name]) => name !== cursor)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([delivery.document, delivery.operationName ?? null, variables, audienceKeyOf(viewer)]);
}

/**
 * A subscriber in a group: its outlet, cursor and backlog. Methods, not closures, so that an idle
 * member is this record and its outlet alone.
 */
export class Member {
  /** Position of the last event sent (or passed over) in the audience's numbering. */
  delivered: number;
  /** Results written whose write has not completed: the connection's backlog. */
  private unsent = 0;
  /** While the member catches up (replay, first value), the group's messages wait here. */
  held?: { position: number; payload: string }[] = [];
  active = true;

  constructor(
    readonly group: Group,
    private readonly outlet: Outlet,
    readonly expiresAt: number | undefined,
    after: number,
  ) {
    this.delivered = after;
  }

  /** The result of the event at `position`, unless the member has it already. */
  send(position: number, payload: string) {
    if (position <= this.delivered) return;
    this.delivered = position;
    this.write(payload);
  }

  write(payload: string) {
    if (!this.outlet.open || !this.active) return;
    if (++this.unsent > this.group.maxBufferedEvents) return this.end(tooSlow());
    this.outlet.write(payload, () => void (this.unsent -= 1));
  }

  /** A message from the group: sent now, or after the member has caught up. */
  deliver(position: number, payload: string) {
    if (!this.held) return this.send(position, payload);
    if (this.held.push({ position, payload }) > this.group.maxBufferedEvents) this.end(tooSlow());
  }

  release() {
    const held = this.held ?? [];
    this.held = undefined;
    for (const { position, payload } of held) this.send(position, payload);
  }

  /** Leaves the group; `error`, if any, is the last thing the subscriber receives before its complete. */
  end(error?: Error) {
    if (!this.active) return;
    this.active = false;
    this.group.leave(this);
    this.outlet.ended(this, error && this.group.resultOf(error));
  }

  /** Ended by its connection (the client's complete, the connection's close): without a word. */
  return() {
    this.end();
  }
}

const tooSlow = () => new ApiError('SUBSCRIBER_TOO_SLOW', 'Too many events are waiting for this subscriber; resume with the last cursor.');

interface GroupOptions {
  prisma: PrismaClient;
  feeds: MeetingFeeds;
  source: LiveSource<unknown>;
  /** A member's viewer: all members' viewers are alike in what the rules read (audienceKeyOf). */
  viewer: Viewer;
  delivery: SharedDelivery;
  /** The live field of the group's operation: where a member's ending error is located. */
  info: GraphQLResolveInfo;
  maxBufferedEvents: number;
  onEmpty(): void;
}

class Group {
  readonly members = new Set<Member>();
  /** Position of the last event the group has taken up, in the audience's numbering. */
  head = 0;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private unsubscribe = () => {};
  private expiry?: { at: number; timer: NodeJS.Timeout };
  private closed = false;
  /** The group's subscription: each value taken from `value` is executed into one result. */
  private results?: AsyncIterator<ExecutionResult>;
  private value: unknown;
  private rendering: Promise<unknown> = Promise.resolve();

  readonly maxBufferedEvents: number;
  /** The live field, as graphql-js would locate an error of it. */
  private readonly field: { nodes: readonly FieldNode[]; key: string; nonNull: boolean };

  constructor(private readonly options: GroupOptions) {
    const { info } = options;
    this.maxBufferedEvents = options.maxBufferedEvents;
    this.field = { nodes: info.fieldNodes, key: info.path.key as string, nonNull: isNonNullType(info.returnType) };
  }

  /** The last result of a member that ends with `error`, as graphql-js and Yoga would have sent it. */
  resultOf(error: Error): ExecutionResult {
    const { nodes, key, nonNull } = this.field;
    return { data: nonNull ? null : { [key]: null }, errors: [this.options.delivery.mask(locatedError(error, nodes, [key]))] };
  }

  async open() {
    const { feeds, prisma, source, delivery } = this.options;
    const values: AsyncIterableIterator<unknown> = {
      [Symbol.asyncIterator]: () => values,
      next: () => Promise.resolve({ done: false, value: this.value }),
      return: () => Promise.resolve({ done: true, value: undefined }),
    };
    const subscribed = await delivery.subscribe(values);
    if (!(Symbol.asyncIterator in subscribed)) throw new Error(`The group's own subscription was refused: ${JSON.stringify(subscribed.errors)}`);
    this.results = subscribed[Symbol.asyncIterator]();
    this.unsubscribe = await feeds.subscribe(source.meetingId, (events) => {
      // One event at a time, in order; a group that cannot keep up ends its members like slow ones.
      this.queued += events.length;
      if (this.queued > this.maxBufferedEvents) return this.endAll(tooSlow());
      this.queue = this.queue.then(() => this.take(events)).catch((error: Error) => this.fail(error));
    }, () => this.members.size);
    try {
      this.head = await headOf(prisma, source.meetingId, source.audience);
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Executes once and serializes: the payload every member receives. One at a time, in order. */
  private render(value: unknown): Promise<string> {
    const rendered = this.rendering.then(async () => {
      this.value = value;
      const next = await this.results!.next();
      if (next.done) throw new Error("The group's own subscription has ended.");
      return JSON.stringify(next.value);
    });
    this.rendering = rendered.catch(() => {});
    return rendered;
  }

  /** The member's value of a stored event; undefined: the member's field does not report it. */
  private valueOf(event: StoredEvent, position: number) {
    const { source, viewer } = this.options;
    return mayReadItemEvent(viewer, event.item) ? source.valueOf({ ...event, audience: source.audience, position } satisfies AudienceEvent) : undefined;
  }

  private async take(events: StoredEvent[]) {
    const { source, prisma } = this.options;
    try {
      for (const event of events) {
        const position = positionIn(source.audience, event);
        if (position === null || position <= this.head) continue;
        // A gap (a lost notice): the missing events first, from the database.
        if (position > this.head + 1) await this.take(await loadEvents(prisma, source.meetingId, { audience: source.audience, after: this.head, upTo: position - 1 }));
        this.head = position;
        const value = this.valueOf(event, position);
        if (value === undefined) continue;
        const payload = await this.render(value);
        for (const member of this.members) member.deliver(position, payload);
      }
    } finally {
      this.queued = Math.max(0, this.queued - events.length);
    }
  }

  /**
   * Adds a member from `after` (undefined: from now); it first receives the source's first value
   * and what it missed, and undefined if the group has closed meanwhile.
   */
  async join(delivery: SharedDelivery, viewer: Viewer, after: number | undefined): Promise<Member | undefined> {
    if (this.closed) return undefined;
    const { source, prisma } = this.options;
    const from = this.head;
    const member = new Member(this, delivery.outlet, viewer.expiresAt?.getTime(), after ?? from);
    // From here the member is the subscription on its connection, unless the client has ended it meanwhile.
    if (!delivery.outlet.take(member)) return member;
    this.members.add(member);
    this.watchExpiry(member);
    try {
      if (source.initial) member.write(await this.render(source.initial()));
      // Replayed for this member alone: what it missed up to where the group was when it joined.
      while (member.active && member.delivered < from) {
        const events = await loadEvents(prisma, source.meetingId, { audience: source.audience, after: member.delivered, upTo: from });
        if (!events.length) break;
        for (const event of events) {
          const position = positionIn(source.audience, event)!;
          const value = this.valueOf(event, position);
          if (value === undefined) member.delivered = position;
          else member.send(position, await this.render(value));
        }
      }
      member.release();
    } catch (error) {
      // The operation's result reports the failure, as it would of any subscription.
      delivery.outlet.giveBack(member);
      member.end();
      throw error;
    }
    return member;
  }

  leave(member: Member) {
    this.members.delete(member);
    if (this.members.size) return;
    this.close();
    this.options.onEmpty();
  }

  /** The group cannot go on (its subscription or the database failed): its members end, to resume with their cursors. */
  private fail(error: Error) {
    // Closed meanwhile (its last member left, or the instance stops): an event still in flight
    // found the group's own subscription ended, and nobody is left to tell.
    if (this.closed) return;
    logger.error({ meetingId: this.options.source.meetingId, err: error.message }, 'A subscription group failed');
    this.endAll(error);
  }

  private endAll(error: Error) {
    for (const member of [...this.members]) member.end(error);
  }

  /** One timer per group, for the member whose token expires first. */
  private watchExpiry(member: Member) {
    if (member.expiresAt === undefined || (this.expiry && this.expiry.at <= member.expiresAt)) return;
    this.scheduleExpiry(member.expiresAt);
  }

  private scheduleExpiry(at: number) {
    clearTimeout(this.expiry?.timer);
    // setTimeout holds at most 2^31-1 ms; a later expiry is looked at again then.
    const timer = setTimeout(() => this.expire(), Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1));
    timer.unref();
    this.expiry = { at, timer };
  }

  private expire() {
    this.expiry = undefined;
    const now = Date.now();
    let next: number | undefined;
    for (const member of [...this.members]) {
      if (member.expiresAt === undefined) continue;
      if (member.expiresAt <= now) member.end(unauthenticated('The token has expired; subscribe again with a new one.'));
      else next = Math.min(next ?? Infinity, member.expiresAt);
    }
    if (next !== undefined && this.members.size) this.scheduleExpiry(next);
  }

  close() {
    this.closed = true;
    clearTimeout(this.expiry?.timer);
    this.unsubscribe();
    void this.results?.return?.();
  }
}

/** The groups of one instance, by key. */
export class SubscriptionGroups {
  private readonly groups = new Map<string, Promise<Group>>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly feeds: MeetingFeeds,
    /** Events a member may have waiting before it is ended as too slow (Limits.subscriberMaxPendingEvents). */
    private readonly maxBufferedEvents: number,
  ) {}

  /** Joins the subscriber's group (the member is set as delivery.member); answers the field's stream, which is empty. */
  async join(source: LiveSource<unknown>, viewer: Viewer, delivery: SharedDelivery, info: GraphQLResolveInfo): Promise<AsyncIterable<never>> {
    const key = groupKeyOf(delivery, viewer, info);
    for (;;) {
      const member = await (await this.groupOf(key, source, viewer, delivery, info)).join(delivery, viewer, source.after);
      if (member) {
        delivery.member = member;
        return delivered;
      }
    }
  }

  private groupOf(key: string, source: LiveSource<unknown>, viewer: Viewer, delivery: SharedDelivery, info: GraphQLResolveInfo): Promise<Group> {
    let opening = this.groups.get(key);
    if (!opening) {
      const group: Group = new Group({
        prisma: this.prisma,
        feeds: this.feeds,
        source,
        viewer,
        delivery,
        info,
        maxBufferedEvents: this.maxBufferedEvents,
        onEmpty: () => {
          if (this.groups.get(key) === opening) this.groups.delete(key);
        },
      });
      opening = group.open().then(() => group);
      this.groups.set(key, opening);
      opening.catch(() => this.groups.delete(key));
    }
    return opening;
  }

  close() {
    for (const group of this.groups.values()) void group.then((open) => open.close(), () => {});
    this.groups.clear();
  }
}
