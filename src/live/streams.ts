// Small operators on subscription streams that pass `return()` on at once (as Repeater does),
// so a client that unsubscribes releases its feed listener even while no event is coming.
import { Repeater } from 'graphql-yoga';

/** `first`, then every value of `source` mapped; an Error value ends the stream after it. */
export function startWithMapped<T, U>(first: U | undefined, source: AsyncIterable<T | Error>, map: (value: T) => U | undefined): AsyncIterable<U | Error> {
  return new Repeater<U | Error>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    void stop.then(() => iterator.return?.());
    if (first !== undefined) await push(first);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value instanceof Error) {
        await push(next.value);
        break;
      }
      const mapped = map(next.value);
      if (mapped !== undefined) await push(mapped);
    }
    stop();
  });
}
