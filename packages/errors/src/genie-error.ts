import type { ErrorCode } from './codes';

export interface GenieErrorOptions {
  /** What the user can do about it; rendered after the message. */
  hint?: string;
  /** Structured facts for `--json` output and MCP results (ids, paths, candidates). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error type genie throws on purpose. `code` is stable; `message` says what
 * happened; `hint` says what to do next. Library code throws it, and only the CLI entry
 * point and the MCP adapter turn it into an exit code or an `isError` result.
 */
export class GenieError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: GenieErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GenieError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  /** Message and hint as one text, the way a person should read it. */
  describe(): string {
    return this.hint ? `${this.message}\n${this.hint}` : this.message;
  }

  toJSON(): { code: ErrorCode; message: string; hint?: string; details: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      details: this.details,
    };
  }
}

export function isGenieError(value: unknown, code?: ErrorCode): value is GenieError {
  return value instanceof GenieError && (code === undefined || value.code === code);
}
