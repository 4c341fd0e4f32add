import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { reply, tokensOf, type Conversation } from './brain';
import { FakeServer, type RecordedRequest } from './fake-server';
import { delayAnswer, startEventStream } from './sse';

type Item = Record<string, unknown>;

/**
 * The OpenAI Responses API as codex uses it: `POST /v1/responses` streamed as SSE
 * (response.created, output items added/done with output_text deltas, response.completed
 * with usage). A tool call is an `exec_command` function call, codex's shell tool.
 */
export class FakeOpenAI extends FakeServer {
  get modelCalls(): Array<{ input: Item[]; model: string }> {
    return this.requests.filter((request) => request.method === 'POST' && request.url.startsWith('/v1/responses')).map((request) => request.body as never);
  }

  protected async handle(request: RecordedRequest, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || !request.url.startsWith('/v1/responses')) return json(response, 200, { data: [], object: 'list' });
    if (this.failWith) return apiError(response, this.failWith);
    const body = (request.body ?? {}) as { input?: Item[]; model?: string };
    const answer = reply(conversationOf(body.input ?? []));
    if (answer.kind === 'error') return apiError(response, answer.status);
    if (answer.delayMs > 0) await delayAnswer(response, answer.delayMs);
    if (response.destroyed) return;

    const emit = startEventStream(response);
    const id = `resp_${randomUUID().replace(/-/g, '')}`;
    const created = { id, object: 'response', created_at: Math.floor(Date.now() / 1000), status: 'in_progress', model: body.model, output: [] };
    emit('response.created', { response: created });
    emit('response.in_progress', { response: created });
    const output: Item[] = [];
    const add = (item: Item, stream?: () => void): void => {
      const outputIndex = output.length;
      emit('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress' } });
      stream?.();
      emit('response.output_item.done', { output_index: outputIndex, item });
      output.push(item);
    };
    if (answer.reasoning) {
      const reasoning = answer.reasoning;
      const item = { id: `rs_${randomUUID().replace(/-/g, '')}`, type: 'reasoning', summary: [{ type: 'summary_text', text: reasoning }] };
      add(item, () => emit('response.reasoning_summary_text.delta', { item_id: item.id, output_index: output.length, summary_index: 0, delta: reasoning }));
    }
    if (answer.kind === 'tool') {
      add({ id: `fc_${randomUUID().replace(/-/g, '')}`, type: 'function_call', status: 'completed', name: 'exec_command', call_id: `call_${randomUUID().replace(/-/g, '')}`, arguments: JSON.stringify({ cmd: answer.command }) });
    } else {
      const text = answer.text;
      const item = { id: `msg_${randomUUID().replace(/-/g, '')}`, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] };
      add(item, () => emit('response.output_text.delta', { item_id: item.id, output_index: output.length, content_index: 0, delta: text }));
    }
    const inputTokens = tokensOf(JSON.stringify(body.input ?? []));
    const outputTokens = tokensOf(JSON.stringify(output));
    emit('response.completed', {
      response: {
        ...created, status: 'completed', output,
        usage: { input_tokens: inputTokens, input_tokens_details: { cached_tokens: 0 }, output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: answer.reasoning ? tokensOf(answer.reasoning) : 0 }, total_tokens: inputTokens + outputTokens },
      },
    });
    response.end();
  }
}

/** User prompts without the context blocks codex and genie add, and tool outputs after the latest. */
function conversationOf(input: Item[]): Conversation {
  const conversation: Conversation = { prompts: [], toolResults: [] };
  for (const item of input) {
    if (item.type === 'message' && item.role === 'user') {
      for (const part of (item.content as Item[]) ?? []) {
        if (typeof part.text !== 'string') continue;
        const text = part.text
          .replace(/<environment_context>[\s\S]*?<\/environment_context>/g, '')
          .replace(/<instructions>[\s\S]*?<\/instructions>/g, '')
          .trim();
        if (!text || text.startsWith('<') || text.startsWith('# AGENTS.md')) continue;
        conversation.prompts.push(text);
        conversation.toolResults = [];
      }
    } else if (item.type === 'function_call_output') {
      const output = item.output;
      conversation.toolResults.push(typeof output === 'string' ? output : JSON.stringify(output));
    }
  }
  return conversation;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function apiError(response: ServerResponse, status: number): void {
  const code = status === 401 ? 'invalid_api_key' : status >= 500 ? 'server_error' : 'invalid_request_error';
  json(response, status, { error: { message: status === 401 ? 'Incorrect API key provided.' : `fake model answered ${status}`, type: code, code } });
}
