// Index access for tests under `noUncheckedIndexedAccess`: where a test expects an element, a
// missing one fails the test with a message saying so, not a later "cannot read … of undefined".

/** `list[index]`; fails the test when the list is shorter. */
export function at<T>(list: ArrayLike<T>, index: number): T {
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new Error(`Expected an element at index ${index}, but the list has ${list.length}.`);
  }
  return list[index] as T;
}

/** The one element of `list`; fails the test when it has none or several. */
export function only<T>(list: ArrayLike<T>): T {
  if (list.length !== 1) throw new Error(`Expected exactly one element, but the list has ${list.length}.`);
  return list[0] as T;
}

/** A value looked up by key (a record, a map) that the test expects to be there. */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Expected ${what}, but there is none.`);
  return value;
}
