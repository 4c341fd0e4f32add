import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { TranscriptEvent } from '@genie/core';
import { oneLine, truncate } from '../render/render-session';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const MAX_PROGRESS_MESSAGE = 500;

/**
 * Sends `notifications/progress` for the events of a running turn when, and only when,
 * the client passed a progress token. `progress` counts the steps seen so far (messages,
 * tool calls, output lines) and `message` carries the latest, so a client can show what
 * the agent is doing. The total is unknown, so none is sent.
 */
export function progressReporter(extra: ToolExtra): ((event: TranscriptEvent) => void) | undefined {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  let steps = 0;
  return (event) => {
    const message = describeEvent(event);
    if (message === null) return;
    steps += 1;
    // Progress is best effort: a client that went away must not fail the wait itself.
    extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken, progress: steps, message: truncate(message, MAX_PROGRESS_MESSAGE) },
      })
      .catch(() => undefined);
  };
}

function describeEvent(event: TranscriptEvent): string | null {
  switch (event.kind) {
    case 'message':
      return oneLine(event.text);
    case 'tool_call':
      return `tool call: ${event.name}`;
    case 'output':
      return oneLine(event.text);
    case 'error':
      return `error: ${event.message}`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'outcome':
      return `turn ${event.status}`;
    default:
      return null;
  }
}
