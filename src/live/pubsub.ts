// Fan-out of "meeting <id> has new events up to sequence <n>" between the instances of the API.
// Messages are thin hints, never the data itself: a subscriber that misses one (Redis is
// at-most-once) fills in from the MeetingEvent table, so the choice of transport only affects
// latency, never what a client receives. The transport is chosen in live-meetings.ts.

export interface MeetingNotice {
  meetingId: string;
  sequence: number;
  /** When the events were committed (ms since the epoch): the start of the delivery lag (metrics). */
  publishedAt?: number;
}

export interface PubSub {
  /** Never throws: a failed publish is logged; subscribers catch up from the database. */
  publish(notice: MeetingNotice): Promise<void>;
  subscribe(meetingId: string, listener: (notice: MeetingNotice) => void): Promise<() => void>;
  /** Called when the transport comes back after an outage: messages may have been lost. */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}
