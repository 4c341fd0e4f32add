/** A storage used after close(): a bug in the caller, not something a user can act on. */
export function storageClosed(location: string): Error {
  return new Error(`The session storage ${location} is used after close().`);
}
