/** Renders a JSON Pointer for messages; the whole document is shown as `(root)`. */
export function displayPointer(pointer: string): string {
  return pointer === '' ? '(root)' : pointer;
}

/** Escapes one key as a JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
