import type { SessionSummary } from '@genie/core';

/** Types the CLI needs that the library exposes only as parts of its public shapes. */
export type SessionStatus = SessionSummary['status'];
export type UsageSummary = NonNullable<SessionSummary['usage']>;
