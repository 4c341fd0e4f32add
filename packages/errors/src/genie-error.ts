import type { ErrorCode } from './codes';

export interface GenieErrorOptions {
  /** What the user can do about it; rendered after the message. */
  hint?: string;
  /** Structured facts for `--json` output and MCP results (ids, paths, candidates). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Marks every GenieError, whichever copy of this module made it. The package ships a
 * CommonJS and an ESM build, and a process may load both (an ESM app importing a CJS
 * library), which gives two distinct classes; a registry symbol is the same in both.
 */
const GENIE_ERROR_BRAND = Symbol.for('genie.error');

function isBranded(value: unknown): value is GenieError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[GENIE_ERROR_BRAND] === true;
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

  /** `instanceof GenieError` answers by the brand, so it holds across the CJS and ESM builds too. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === GenieError) return isBranded(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(code: ErrorCode, message: string, options: GenieErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GenieError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? {};
    Object.defineProperty(this, GENIE_ERROR_BRAND, { value: true });
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

/** True for a GenieError from any build of this package (optionally of one `code`). */
export function isGenieError(value: unknown, code?: ErrorCode): value is GenieError {
  return isBranded(value) && (code === undefined || value.code === code);
}
