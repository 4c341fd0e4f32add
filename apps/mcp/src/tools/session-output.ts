import { z } from 'zod';
import type { SessionSummary, SessionView, TranscriptEvent, TurnView, WaitResult } from '@genie/core';

/**
 * The structured shapes MCP clients receive. Outputs are built field by field from the
 * library's types so that a client validating against the advertised schema never sees
 * a field the schema does not name.
 */

export const statusSchema = z
  .enum(['queued', 'starting', 'running', 'completed', 'failed', 'stopped', 'lost'])
  .describe('starting/running: a turn is in progress; completed/failed/stopped: the last turn ended so; lost: its runner died');

const usageSchema = z
  .object({
    inputTokens: z.number().optional(),
    outputTokens: z.number().optional(),
    cachedInputTokens: z.number().optional(),
    cacheCreationInputTokens: z.number().optional(),
    costUsd: z.number().optional(),
    durationMs: z.number().optional(),
  })
  .nullable();

export const sessionSummaryShape = {
  sessionId: z.string(),
  name: z.string().nullable(),
  agent: z.string(),
  executor: z.string().nullable(),
  executorSessionId: z.string().nullable(),
  status: statusSchema,
  background: z.boolean(),
  created: z.string().nullable(),
  lastUsed: z.string().nullable(),
  turns: z.number(),
  lastPrompt: z.string().nullable(),
  answer: z.string().nullable().describe('Final answer of the latest finished turn'),
  exitCode: z.number().nullable(),
  signal: z.string().nullable(),
  error: z.string().nullable(),
  usage: usageSchema,
  costUsd: z.number().nullable(),
  maxBudgetUsd: z.number().nullable().describe('What the session may cost over all its turns; a resume beyond it is refused'),
  worktree: z
    .object({
      path: z.string(),
      branch: z.string(),
      base: z.string().describe('The commit the branch was made from'),
      repository: z.string(),
      removedAt: z.string().optional(),
    })
    .nullable()
    .describe('The git worktree and branch the session runs in; null when it runs in the workspace'),
  hookFailures: z
    .array(z.object({ turn: z.number(), command: z.array(z.string()), error: z.string(), time: z.string() }))
    .describe('Turn-end hooks that failed lately; they never change the status'),
};

export const sessionSummarySchema = z.object(sessionSummaryShape);

/** Events vary by kind; `kind` and `turn` are always there, the rest depends on the kind. */
const transcriptEventSchema = z.looseObject({ kind: z.string(), turn: z.number(), time: z.string() });

const turnSchema = z.object({
  turn: z.number(),
  prompt: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  status: statusSchema,
  answer: z.string().nullable(),
  exitCode: z.number().nullable(),
  error: z.string().nullable(),
  usage: usageSchema,
  events: z.array(transcriptEventSchema),
});

export const sessionViewShape = {
  ...sessionSummaryShape,
  lastTurn: turnSchema.nullable(),
  transcript: z.array(turnSchema).optional().describe('Every turn in order; only with full: true'),
};

export const waitResultShape = {
  ...sessionViewShape,
  finished: z.boolean().describe('False when the timeout passed before the turn ended'),
};

export type SessionSummaryOutput = z.infer<typeof sessionSummarySchema>;
type TurnOutput = z.infer<typeof turnSchema>;
type SessionViewOutput = z.infer<z.ZodObject<typeof sessionViewShape>>;

export function toSessionSummaryOutput(session: SessionSummary): SessionSummaryOutput {
  return {
    sessionId: session.sessionId,
    name: session.name,
    agent: session.agent,
    executor: session.executor,
    executorSessionId: session.executorSessionId,
    status: session.status,
    background: session.background,
    created: session.created,
    lastUsed: session.lastUsed,
    turns: session.turns,
    lastPrompt: session.lastPrompt,
    answer: session.answer,
    exitCode: session.exitCode,
    signal: session.signal,
    error: session.error,
    usage: session.usage ? { ...session.usage } : null,
    costUsd: session.costUsd,
    maxBudgetUsd: session.maxBudgetUsd,
    worktree: session.worktree
      ? {
          path: session.worktree.path,
          branch: session.worktree.branch,
          base: session.worktree.base,
          repository: session.worktree.repository,
          ...(session.worktree.removedAt ? { removedAt: session.worktree.removedAt } : {}),
        }
      : null,
    hookFailures: session.hookFailures.map(({ turn, command, error, time }) => ({ turn, command: [...command], error, time })),
  };
}

function toEventOutput(event: TranscriptEvent): z.infer<typeof transcriptEventSchema> {
  return { ...event };
}

function toTurnOutput(turn: TurnView): TurnOutput {
  return {
    turn: turn.turn,
    prompt: turn.prompt,
    startedAt: turn.startedAt,
    endedAt: turn.endedAt,
    status: turn.status,
    answer: turn.answer,
    exitCode: turn.exitCode,
    error: turn.error,
    usage: turn.usage ? { ...turn.usage } : null,
    events: turn.events.map(toEventOutput),
  };
}

export function toSessionViewOutput(view: SessionView): SessionViewOutput {
  return {
    ...toSessionSummaryOutput(view),
    lastTurn: view.lastTurn ? toTurnOutput(view.lastTurn) : null,
    ...(view.transcript ? { transcript: view.transcript.map(toTurnOutput) } : {}),
  };
}

export function toWaitResultOutput(result: WaitResult): SessionViewOutput & { finished: boolean } {
  return { ...toSessionViewOutput(result), finished: result.finished };
}
